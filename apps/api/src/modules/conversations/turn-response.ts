import type { ConversationState, Effect, JsonValue, NluResult, Reply, StepResult, TurnInput } from '@zhishou/flow-schema';
import { HANDOFF_PRIORITIES } from '@zhishou/flow-schema';
import type { NewHandoff, NewMessage, TurnResponseBody } from './conversation.repository';

/** What the api returns for a state (the public view: no internals such as attempts or the stack). */
export function publicState(state: ConversationState): TurnResponseBody['state'] {
  return { status: state.status, node: state.nodeId, flow: state.flowKey, slots: state.slots };
}

export function toJson<T>(value: T): JsonValue {
  return value as unknown as JsonValue;
}

/** Transcript rows of a turn: the user's message (if any) then the bot's replies, numbered from `lastSeq + 1`. */
export function transcriptRows(lastSeq: number, input: TurnInput, replies: readonly Reply[], messageId: string | null): NewMessage[] {
  const rows: NewMessage[] = [];
  if (input.type === 'message') {
    const payload: Record<string, JsonValue> = {};
    if (messageId) payload['messageId'] = messageId;
    if (input.image) payload['image'] = input.image;
    rows.push({ seq: lastSeq + 1, role: 'user', text: input.text, payload });
  }
  for (const r of replies) {
    const payload: Record<string, JsonValue> = { nodeId: r.nodeId, quickReplies: r.quickReplies, kind: input.type };
    if (r.imageUrl) payload['imageUrl'] = r.imageUrl;
    rows.push({ seq: lastSeq + rows.length + 1, role: 'bot', text: r.text, payload });
  }
  return rows;
}

/** Priority rank for ordering the agents' queue: urgent first. */
export function priorityRank(priority: string): number {
  const i = (HANDOFF_PRIORITIES as readonly string[]).indexOf(priority);
  return i < 0 ? 0 : i;
}

export function handoffRows(effects: readonly Effect[]): NewHandoff[] {
  return effects.flatMap((e) =>
    e.type === 'handoff' ? [{ queue: e.queue, priority: e.priority, priority_rank: priorityRank(e.priority), reason: e.reason ?? null }] : [],
  );
}

/** A compact trace summary kept with the turn (the full trace is returned on request). */
export function traceSummary(result: StepResult): JsonValue {
  return toJson(result.trace);
}

export function responseBody(conversationId: string, turn: number, result: Pick<StepResult, 'replies' | 'state'>, nlu: NluResult | null): TurnResponseBody {
  return { conversationId, turn, replies: toJson(result.replies) as JsonValue[], state: publicState(result.state), nlu: nlu ? toJson(nlu) : null };
}
