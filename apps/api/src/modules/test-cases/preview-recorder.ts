import { Inject, Injectable } from '@nestjs/common';
import type { TestCase, TestTurn } from '@zhishou/flow-schema';
import { NotFoundError, ValidationFailedError } from '../../infra/http-server/errors';
import { PreviewService, type PreviewTurn } from '../preview/preview.service';

export type { PreviewTurn };

const MAX_TURNS = 200;

/** The expectations a recorded turn pins: what the user saw and where the conversation stood. */
export function recordedTurn(turn: PreviewTurn): TestTurn {
  const expect: TestTurn['expect'] = { replies: turn.replies, node: turn.node, flow: turn.flow, ...(turn.status ? { status: turn.status } : {}) };
  if (turn.timer) return { timer: 'pending', expect };
  return { user: turn.text ?? '', ...(turn.image ? { image: turn.image } : {}), expect: { ...(turn.intent ? { intent: turn.intent } : {}), ...expect } };
}

/** Turns a designer test-chat session (its preview conversation's current run) into a test case of the flow it ran. */
@Injectable()
export class PreviewRecorder {
  constructor(@Inject(PreviewService) private readonly preview: PreviewService) {}

  async testCaseOf(bot: string, flow: string, input: { session: string; name: string; description?: string }): Promise<TestCase> {
    const row = await this.preview.recordedRun(bot, input.session);
    if (!row) throw new NotFoundError('preview session', input.session);
    if (row.flow !== flow) throw new ValidationFailedError([{ path: 'session', message: `the session tested flow "${row.flow}", not "${flow}"` }]);
    // A message with only an image has no text to replay; a test case needs the user's text.
    const turns = row.turns.filter((t) => t.timer || (t.text ?? '').trim() !== '');
    if (turns.length === 0) throw new ValidationFailedError([{ path: 'session', message: 'the session has no turns to record' }]);
    if (turns.length > MAX_TURNS) throw new ValidationFailedError([{ path: 'session', message: `the session has more than ${MAX_TURNS} turns` }]);
    return { name: input.name, ...(input.description ? { description: input.description } : {}), turns: turns.map(recordedTurn) };
  }
}
