import type {
  ConversationState,
  EnginePorts,
  Flow,
  JsonValue,
  NluResult,
  StepResult,
  TestCase,
  TestTurn,
  TurnExpectation,
  TurnInput,
} from '@zhishou/flow-schema';
import { step } from './step';

/** One expectation that did not hold: what was checked, what the test case wanted, what happened. */
export interface ReplayFailure {
  what: string;
  expected: JsonValue;
  actual: JsonValue;
}

export interface ReplayTurnResult {
  /** The user's text; `[timer pending]`, `[timer stale]` or `[release]` for other inputs. */
  user: string;
  expected: TurnExpectation;
  actual: {
    replies: string[];
    node: string | null;
    flow: string | null;
    slots: Record<string, JsonValue>;
    status: ConversationState['status'] | null;
    intent: string | null;
  };
  failures: ReplayFailure[];
}

export interface ReplayResult {
  passed: boolean;
  turns: ReplayTurnResult[];
}

export interface ReplayOptions {
  ports: EnginePorts;
  /** The NLU the conversation would see (the baseline matcher, or the api's inference port). */
  analyze: (text: string, image?: string) => NluResult | Promise<NluResult>;
  /** Clock of the first turn; each later turn is one minute later. */
  now?: number;
}

export const REPLAY_START = Date.UTC(2026, 10, 25, 9, 0, 0);
const TURN_SPACING_MS = 60_000;

/**
 * Replays a test case against a flow through the real engine and checks every turn's expectations.
 * Pure apart from the ports: the same function backs the golden tests, the api's test runs and the
 * publish gate. A turn that cannot run (no pending timer, an engine error) fails and ends the replay.
 */
export async function replayTestCase(flow: Flow, testCase: TestCase, options: ReplayOptions): Promise<ReplayResult> {
  const start = options.now ?? REPLAY_START;
  const turns: ReplayTurnResult[] = [];
  let state: ConversationState | null = null;
  for (const [index, turn] of testCase.turns.entries()) {
    const expected = turn.expect;
    const user = turnLabel(turn);
    let input: TurnInput;
    let result: StepResult;
    try {
      input = await toInput(turn, state, options.analyze);
      result = await step(flow, state, input, options.ports, { now: start + index * TURN_SPACING_MS });
    } catch (error) {
      const failure = { what: 'turn', expected: 'the turn runs', actual: error instanceof Error ? error.message : String(error) };
      turns.push({ user, expected, actual: actualOf(null, state, null), failures: [failure] });
      break;
    }
    turns.push({ user, expected, actual: actualOf(result, result.state, input), failures: checkTurn(result, input, expected) });
    state = result.state;
  }
  return { passed: turns.length === testCase.turns.length && turns.every((t) => t.failures.length === 0), turns };
}

/** Human-readable lines, one per failure: `turn 2 "130可以吗": node: expected "await_reply", got "silence"`. */
export function describeFailures(result: ReplayResult): string[] {
  return result.turns.flatMap((turn, index) =>
    turn.failures.map((f) => `turn ${index + 1} ${JSON.stringify(turn.user)}: ${f.what}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}`),
  );
}

function turnLabel(turn: TestTurn): string {
  if ('user' in turn) return turn.user;
  if ('release' in turn) return '[release]';
  return `[timer ${turn.timer}]`;
}

async function toInput(turn: TestTurn, state: ConversationState | null, analyze: ReplayOptions['analyze']): Promise<TurnInput> {
  if ('user' in turn) {
    const nlu = await analyze(turn.user, turn.image);
    return { type: 'message', text: turn.user, nlu, ...(turn.image ? { image: turn.image } : {}) };
  }
  if ('release' in turn) return { type: 'release' };
  if (turn.timer === 'stale') return { type: 'timer', timerId: 't0-stale' };
  const pending = state?.timer?.id;
  if (!pending) throw new Error('the test fires a timer but none is pending');
  return { type: 'timer', timerId: pending };
}

function actualOf(result: StepResult | null, state: ConversationState | null, input: TurnInput | null): ReplayTurnResult['actual'] {
  return {
    replies: result ? result.replies.map((r) => r.text) : [],
    node: state?.nodeId ?? null,
    flow: state?.flowKey ?? null,
    slots: state?.slots ?? {},
    status: state?.status ?? null,
    intent: input?.type === 'message' ? input.nlu.intent.intent : null,
  };
}

function checkTurn(result: StepResult, input: TurnInput, expected: TurnExpectation): ReplayFailure[] {
  const failures: ReplayFailure[] = [];
  const fail = (what: string, want: JsonValue, got: JsonValue): void => {
    failures.push({ what, expected: want, actual: got });
  };
  const { state } = result;
  const replies = result.replies.map((r) => r.text);
  if (expected.intent !== undefined) {
    const intent = input.type === 'message' ? input.nlu.intent.intent : null;
    if (intent !== expected.intent) fail('intent', expected.intent, intent);
  }
  if (expected.replies !== undefined) {
    if (replies.length !== expected.replies.length) fail('replies', expected.replies, replies);
    else expected.replies.forEach((part, i) => !replies[i]!.includes(part) && fail(`reply ${i + 1}`, part, replies[i]!));
  }
  for (const part of expected.contains ?? []) if (!replies.join('\n').includes(part)) fail('contains', part, replies);
  if (expected.node !== undefined && state.nodeId !== expected.node) fail('node', expected.node, state.nodeId);
  if (expected.flow !== undefined && state.flowKey !== expected.flow) fail('flow', expected.flow, state.flowKey);
  if (expected.status !== undefined && state.status !== expected.status) fail('status', expected.status, state.status);
  if (expected.outcome !== undefined && state.outcome !== expected.outcome) fail('outcome', expected.outcome, state.outcome);
  for (const [key, value] of Object.entries(expected.slots ?? {})) {
    const got = state.slots[key];
    if (value === null ? got !== undefined : !sameJson(got, value)) fail(`slot ${key}`, value, got ?? null);
  }
  for (const [key, value] of Object.entries(expected.vars ?? {})) {
    const got = state.vars[key];
    if (!sameJson(got, value)) fail(`var ${key}`, value, got ?? null);
  }
  if (expected.effects !== undefined) {
    const types = result.effects.map((e) => e.type);
    if (!sameJson(types, expected.effects)) fail('effects', expected.effects, types);
  }
  if (expected.handoff !== undefined) {
    const handoff = result.effects.find((e) => e.type === 'handoff');
    const want = expected.handoff as Record<string, JsonValue>;
    const got = handoff ? (handoff as unknown as Record<string, JsonValue>) : null;
    if (!got || Object.entries(want).some(([k, v]) => !sameJson(got[k], v))) fail('handoff', want, got);
  }
  return failures;
}

/** Deep equality of JSON values (object key order does not matter). */
function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  const ak = Object.keys(a as object);
  const bo = b as Record<string, JsonValue>;
  return ak.length === Object.keys(bo).length && ak.every((k) => sameJson((a as Record<string, JsonValue>)[k], bo[k]));
}
