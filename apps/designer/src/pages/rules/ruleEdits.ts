import { durationToMs, type Duration, type RuleSetInput, type SubjectKey, type TriggerRuleInput } from '@zhishou/flow-schema';

/** Event types the marketplace sends in the demo; the picker also offers every type the rule set uses. */
export const KNOWN_EVENT_TYPES = [
  'order.created', 'order.paid', 'order.shipped', 'order.delivered', 'order.confirmed', 'order.cancelled', 'order.refunded',
  'item.enquired', 'item.favorited', 'conversation.ended',
] as const;

export function eventTypeOptions(ruleSet: RuleSetInput): string[] {
  const used = ruleSet.rules.flatMap((r) => [r.on, ...(r.cancelOn ?? [])]);
  return [...new Set([...KNOWN_EVENT_TYPES, ...used])].sort();
}

export function newRule(existing: readonly TriggerRuleInput[]): TriggerRuleInput {
  let n = existing.length + 1;
  while (existing.some((r) => r.id === `rule_${n}`)) n += 1;
  return {
    id: `rule_${n}`,
    name: '',
    enabled: true,
    on: 'order.paid',
    cancelOn: [],
    subjectKeys: ['orderId'],
    actions: [{ type: 'send_message', to: 'seller', template: '' }],
  };
}

export function upsertRule(ruleSet: RuleSetInput, rule: TriggerRuleInput, previousId = rule.id): RuleSetInput {
  const exists = ruleSet.rules.some((r) => r.id === previousId);
  return { ...ruleSet, rules: exists ? ruleSet.rules.map((r) => (r.id === previousId ? rule : r)) : [...ruleSet.rules, rule] };
}

export function removeRule(ruleSet: RuleSetInput, id: string): RuleSetInput {
  return { ...ruleSet, rules: ruleSet.rules.filter((r) => r.id !== id) };
}

/** One row of the simulation timeline as ops fill it: an event type at an offset from the start. */
export interface TimelineRow {
  type: string;
  /** "0", "30m", "48h", "7d" after the start of the timeline. */
  offset: string;
  subject: Partial<Record<SubjectKey, string>>;
  /** JSON object text for `data`, or empty. */
  data: string;
}

export type TimelineProblem = { row: number; field: 'offset' | 'data' | 'subject'; message: string };

function offsetMs(offset: string): number | null {
  const trimmed = offset.trim();
  if (trimmed === '' || trimmed === '0') return 0;
  try {
    return durationToMs(trimmed as Duration);
  } catch {
    return null;
  }
}

/** Turns the rows into business events starting at `start`; rows that cannot be read are reported. */
export function buildTimeline(rows: readonly TimelineRow[], start: number): { events: unknown[]; problems: TimelineProblem[] } {
  const events: unknown[] = [];
  const problems: TimelineProblem[] = [];
  rows.forEach((row, index) => {
    const ms = offsetMs(row.offset);
    if (ms === null) problems.push({ row: index, field: 'offset', message: 'offset' });
    let data: unknown = {};
    if (row.data.trim()) {
      try {
        data = JSON.parse(row.data);
        if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not an object');
      } catch {
        problems.push({ row: index, field: 'data', message: 'data' });
      }
    }
    const subject = Object.fromEntries(Object.entries(row.subject).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
    if (Object.keys(subject).length === 0) problems.push({ row: index, field: 'subject', message: 'subject' });
    events.push({ eventId: `sim-${index + 1}`, type: row.type, occurredAt: new Date(start + (ms ?? 0)).toISOString(), subject, data });
  });
  return { events, problems };
}
