import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ConversationState, Effect, JsonValue, StepResult, TurnInput } from '@zhishou/flow-schema';
import { createBaselineNlu } from '@zhishou/nlu';
import { fakeHttp, flowResolver, testPorts, type FakeRoute } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { step } from '../src';
import { botDirs, loadBot, REPO_ROOT } from './bots';

/**
 * Golden replays: each `flows/<bot>/tests/*.json` is a scripted conversation replayed through the
 * real engine, the real condition evaluator (@zhishou/rules) and the real baseline NLU over the bot's
 * nlu.json. HTTP answers come from the transcript's `http` table (the api's sandbox is tested there).
 */
interface Expectation {
  /** NLU top intent of the user's message. */
  intent?: string;
  /** One substring per reply, in order; the number of replies must match. */
  replies?: string[];
  /** Substrings that must appear somewhere in the turn's replies. */
  contains?: string[];
  node?: string | null;
  flow?: string;
  status?: ConversationState['status'];
  outcome?: ConversationState['outcome'];
  /** Subset of slots; a null value means the slot must not be set. */
  slots?: Record<string, JsonValue>;
  vars?: Record<string, JsonValue>;
  /** Effect types in order (handoff, schedule_timer, cancel_timer, end). */
  effects?: Effect['type'][];
  handoff?: Partial<Extract<Effect, { type: 'handoff' }>>;
}

type Turn =
  | { user: string; image?: string; expect: Expectation }
  | { timer: 'pending' | 'stale'; expect: Expectation }
  | { release: true; expect: Expectation };

interface Transcript {
  name: string;
  description?: string;
  http?: Record<string, FakeRoute>;
  turns: Turn[];
}

const START = Date.UTC(2026, 10, 25, 9, 0, 0);

function toInput(turn: Turn, state: ConversationState | null, analyze: (text: string) => TurnInput): TurnInput {
  if ('user' in turn) return analyze(turn.user);
  if ('release' in turn) return { type: 'release' };
  const pending = state?.timer?.id;
  if (turn.timer === 'pending' && !pending) throw new Error('transcript fires a timer but none is pending');
  return { type: 'timer', timerId: turn.timer === 'pending' ? (pending as string) : 't0-stale' };
}

function check(result: StepResult, input: TurnInput, expected: Expectation, where: string): void {
  const { state } = result;
  const replies = result.replies.map((reply) => reply.text);
  if (expected.intent !== undefined) expect(input.type === 'message' ? input.nlu.intent.intent : null, `${where} intent`).toBe(expected.intent);
  if (expected.replies !== undefined) {
    expect(replies, `${where} replies`).toHaveLength(expected.replies.length);
    expected.replies.forEach((part, index) => expect(replies[index], `${where} reply ${index + 1}`).toContain(part));
  }
  for (const part of expected.contains ?? []) expect(replies.join('\n'), `${where} replies`).toContain(part);
  if (expected.node !== undefined) expect(state.nodeId, `${where} node`).toBe(expected.node);
  if (expected.flow !== undefined) expect(state.flowKey, `${where} flow`).toBe(expected.flow);
  if (expected.status !== undefined) expect(state.status, `${where} status`).toBe(expected.status);
  if (expected.outcome !== undefined) expect(state.outcome, `${where} outcome`).toBe(expected.outcome);
  for (const [key, value] of Object.entries(expected.slots ?? {})) {
    if (value === null) expect(state.slots, `${where} slots`).not.toHaveProperty(key);
    else expect(state.slots[key], `${where} slot ${key}`).toEqual(value);
  }
  for (const [key, value] of Object.entries(expected.vars ?? {})) expect(state.vars[key], `${where} var ${key}`).toEqual(value);
  if (expected.effects !== undefined) expect(result.effects.map((effect) => effect.type), `${where} effects`).toEqual(expected.effects);
  if (expected.handoff !== undefined) {
    expect(result.effects.find((effect) => effect.type === 'handoff'), `${where} handoff`).toMatchObject(expected.handoff);
  }
}

for (const dir of botDirs()) {
  const bot = loadBot(dir);
  const testsDir = join(dir, 'tests');
  const files = readdirSync(testsDir).filter((name) => name.endsWith('.json')).sort();

  describe(`golden transcripts of ${relative(REPO_ROOT, dir)}`, () => {
    if (!bot.nlu) throw new Error(`${dir}: golden replays need the bot's nlu.json`);
    const nlu = createBaselineNlu(bot.nlu);
    const analyze = (text: string): TurnInput => ({ type: 'message', text, nlu: nlu.analyze(text) });
    const main = bot.flows.get(bot.manifest.mainFlow);
    if (!main) throw new Error(`${dir}: main flow "${bot.manifest.mainFlow}" missing`);

    it('has transcripts', () => expect(files.length).toBeGreaterThan(0));

    for (const file of files) {
      const transcript = JSON.parse(readFileSync(join(testsDir, file), 'utf8')) as Transcript;
      it(`${file}: ${transcript.name}`, async () => {
        const ports = testPorts({ http: fakeHttp(transcript.http ?? {}), flows: flowResolver([...bot.flows.values()]) });
        let state: ConversationState | null = null;
        for (const [index, turn] of transcript.turns.entries()) {
          const input = toInput(turn, state, analyze);
          const result = await step(main, state, input, ports, { now: START + index * 60_000 });
          const label = 'user' in turn ? `"${turn.user}"` : 'timer' in turn ? `timer (${turn.timer})` : 'release';
          check(result, input, turn.expect, `${file} turn ${index + 1} ${label}`);
          state = result.state;
        }
      });
    }
  });
}
