import { jsonValueSchema, type JsonValue, type TestCase, type TestTurn, type TurnExpectation } from '@zhishou/flow-schema';
import type { TestCaseResult } from '@zhishou/flow-schema';

export type CaseResult = TestCaseResult;

/** The checks the form edits; anything else a case expects (contains, effects, vars, …) is kept as it is. */
export interface TurnForm {
  /** null for a timer or release turn, which the form shows but does not edit. */
  user: string | null;
  replies: string[];
  intent: string;
  node: string;
  slots: Array<{ key: string; value: string }>;
}

/** A slot value as text in the form: strings as they are, anything else as JSON. */
function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Text back to a slot value: JSON numbers, booleans, null and objects parse; everything else stays text. */
export function parseSlotValue(text: string): JsonValue {
  const trimmed = text.trim();
  if (!/^(-?\d+(\.\d+)?|true|false|null|\{.*\}|\[.*\])$/s.test(trimmed)) return text;
  try {
    const parsed = jsonValueSchema.safeParse(JSON.parse(trimmed));
    return parsed.success ? parsed.data : text;
  } catch {
    return text;
  }
}

export function turnToForm(turn: TestTurn): TurnForm {
  const expect = turn.expect;
  return {
    user: 'user' in turn ? turn.user : null,
    replies: expect.replies ?? [],
    intent: expect.intent ?? '',
    node: expect.node ?? '',
    slots: Object.entries(expect.slots ?? {}).map(([key, value]) => ({ key, value: valueText(value) })),
  };
}

/**
 * The form's values over the original turn. An empty field removes that check; an empty reply list
 * removes `replies` too (to expect "no reply", write it as JSON).
 */
export function formToTurn(form: TurnForm, original: TestTurn | undefined): TestTurn {
  const base: TurnExpectation = { ...(original?.expect ?? {}) };
  delete base.replies;
  delete base.intent;
  delete base.node;
  delete base.slots;
  const replies = form.replies.map((r) => r.trim()).filter((r) => r !== '');
  const slots = form.slots.filter((s) => s.key.trim() !== '');
  const expect: TurnExpectation = {
    ...base,
    ...(form.intent.trim() ? { intent: form.intent.trim() } : {}),
    ...(replies.length ? { replies } : {}),
    ...(form.node.trim() ? { node: form.node.trim() } : {}),
    ...(slots.length ? { slots: Object.fromEntries(slots.map((s) => [s.key.trim(), parseSlotValue(s.value)])) } : {}),
  };
  if (form.user === null && original && !('user' in original)) return { ...original, expect };
  const image = original && 'user' in original ? original.image : undefined;
  return { user: (form.user ?? '').trim(), ...(image !== undefined ? { image } : {}), expect };
}

/**
 * The case with each turn's checks set to what the run actually did — only the checks the case already
 * makes, so accepting a run never adds assertions nobody asked for. Checks a run does not report
 * (contains, effects, vars, handoff, outcome) stay as written.
 */
export function acceptActual(testCase: TestCase, result: CaseResult): TestCase {
  return {
    ...testCase,
    turns: testCase.turns.map((turn, i) => {
      const actual = result.turns[i]?.actual;
      if (!actual) return turn;
      const expect: TurnExpectation = { ...turn.expect };
      if (expect.replies !== undefined) expect.replies = [...actual.replies];
      if (expect.intent !== undefined && actual.intent !== null) expect.intent = actual.intent;
      if (expect.node !== undefined) expect.node = actual.node;
      if (expect.flow !== undefined && actual.flow !== null) expect.flow = actual.flow;
      if (expect.status !== undefined && actual.status !== null) expect.status = actual.status;
      if (expect.slots !== undefined) expect.slots = Object.fromEntries(Object.keys(expect.slots).map((key) => [key, actual.slots[key] ?? null]));
      return { ...turn, expect };
    }),
  };
}
