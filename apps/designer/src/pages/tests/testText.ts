import type { ReplayTurnResultWire, TurnExpectation } from '@zhishou/flow-schema';

/** A short, language-neutral summary of what a turn expects (`replies: 您好 · node: menu`). */
export function describeExpectation(expect: TurnExpectation): string {
  const parts: string[] = [];
  if (expect.intent !== undefined) parts.push(`intent: ${expect.intent}`);
  if (expect.replies !== undefined) parts.push(`replies: ${expect.replies.length === 0 ? '∅' : expect.replies.join(' | ')}`);
  if (expect.contains?.length) parts.push(`contains: ${expect.contains.join(' | ')}`);
  if (expect.node !== undefined) parts.push(`node: ${expect.node ?? '∅'}`);
  if (expect.flow !== undefined) parts.push(`flow: ${expect.flow}`);
  if (expect.status !== undefined) parts.push(`status: ${expect.status}`);
  if (expect.outcome !== undefined) parts.push(`outcome: ${expect.outcome ?? '∅'}`);
  for (const [key, value] of Object.entries(expect.slots ?? {})) parts.push(`slots.${key}: ${JSON.stringify(value)}`);
  for (const [key, value] of Object.entries(expect.vars ?? {})) parts.push(`vars.${key}: ${JSON.stringify(value)}`);
  if (expect.effects !== undefined) parts.push(`effects: ${expect.effects.join(', ') || '∅'}`);
  if (expect.handoff !== undefined) parts.push(`handoff: ${JSON.stringify(expect.handoff)}`);
  return parts.join(' · ');
}

/** One failure of a turn in words: `node: expected "menu", got "price"`. */
export function describeFailure(failure: ReplayTurnResultWire['failures'][number]): string {
  return `${failure.what}: ${JSON.stringify(failure.expected)} → ${JSON.stringify(failure.actual)}`;
}
