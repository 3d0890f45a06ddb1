import { businessEventSchema, type BusinessEvent, type ConditionEvaluator } from '@zhishou/flow-schema';
import { createConditionEvaluator } from '../condition/evaluator';
import { compileRuleSet, type CompiledRule, type CompiledRuleSet } from './compile';
import { evaluateAtFire, type FireContext, type HttpFactResult, type RenderedAction } from './fire';
import { cancellationsFor, matchEvent, sameSubject, shouldCancel, type ScheduleDecision } from './match';

export type SimulationEntryKind = 'scheduled' | 'duplicate' | 'ignored' | 'cancelled' | 'fired' | 'skipped' | 'failed' | 'pending';

export interface SimulationEntry {
  /** Virtual time of the entry (ISO). */
  at: string;
  kind: SimulationEntryKind;
  ruleId: string;
  /** The event that started the trigger (or, for `ignored`/`duplicate`, the event that tried). */
  eventId: string;
  jobId?: string;
  key?: string;
  dueAt?: string;
  reason?: string;
  byEventId?: string;
  actions?: RenderedAction[];
}

export interface SimulationOptions {
  bot?: string;
  /** Stop the virtual clock here (ISO or epoch ms); triggers due later are reported as `pending`. Default: run to the end. */
  until?: string | number;
  /** Conversation slots by conversation id, as `slots` facts. */
  slots?: Record<string, Record<string, unknown>>;
  /** Canned HTTP fact results by fact key: a simulation never calls out. */
  http?: Record<string, HttpFactResult>;
  evaluator?: ConditionEvaluator;
}

export class InvalidTimelineError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid timeline: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidTimelineError';
  }
}

interface Pending {
  decision: ScheduleDecision;
  compiled: CompiledRule;
  trigger: BusinessEvent;
}

const iso = (ms: number) => new Date(ms).toISOString();
const timeOf = (e: BusinessEvent) => Date.parse(e.occurredAt);

export function parseTimeline(timeline: readonly unknown[]): BusinessEvent[] {
  const issues: { path: string; message: string }[] = [];
  const events: BusinessEvent[] = [];
  timeline.forEach((raw, index) => {
    const parsed = businessEventSchema.safeParse(raw);
    if (parsed.success) events.push(parsed.data);
    else issues.push(...parsed.error.issues.map((i) => ({ path: [index, ...i.path.map(String)].join('.'), message: i.message })));
  });
  if (issues.length > 0) throw new InvalidTimelineError(issues);
  // Stable sort: events at the same instant keep their order in the timeline.
  return events.map((e, i) => ({ e, i })).sort((a, b) => timeOf(a.e) - timeOf(b.e) || a.i - b.i).map(({ e }) => e);
}

/**
 * Replays a timeline of events against a rule set on a virtual clock, with no side effects: what would
 * be scheduled, collapsed as a duplicate, cancelled, fired (with the rendered actions) or skipped, and
 * when. Same semantics as the worker: one trigger per job id, cancel events for the same subject remove
 * it, conditions are evaluated at fire time on the events known by then. At equal times, events are
 * applied before triggers fire (a cancel at the due instant wins).
 */
export async function simulate(ruleSet: unknown, timeline: readonly unknown[], options: SimulationOptions = {}): Promise<{ entries: SimulationEntry[] }> {
  const set: CompiledRuleSet = compileRuleSet(ruleSet);
  const events = parseTimeline(timeline);
  const bot = options.bot ?? 'simulation';
  const until = options.until === undefined ? Number.POSITIVE_INFINITY : typeof options.until === 'number' ? options.until : Date.parse(options.until);
  if (Number.isNaN(until)) throw new InvalidTimelineError([{ path: 'until', message: 'until must be an ISO time or epoch milliseconds' }]);
  const evaluator = options.evaluator ?? createConditionEvaluator();
  const entries: SimulationEntry[] = [];
  const pending = new Map<string, Pending>();
  const finished = new Set<string>();

  const fireDue = async (before: number, inclusive: boolean) => {
    const due = [...pending.values()]
      .filter((p) => (inclusive ? p.decision.dueAt <= before : p.decision.dueAt < before))
      .sort((a, b) => a.decision.dueAt - b.decision.dueAt || a.decision.jobId.localeCompare(b.decision.jobId));
    for (const p of due) {
      pending.delete(p.decision.jobId);
      finished.add(p.decision.jobId);
      entries.push(await fire(p));
    }
  };

  const fire = async (p: Pending): Promise<SimulationEntry> => {
    const now = p.decision.dueAt;
    const { rule } = p.compiled;
    const base = { at: iso(now), ruleId: rule.id, eventId: p.trigger.eventId, jobId: p.decision.jobId, key: p.decision.key };
    const laterEvents = events.filter(
      (e) => e !== p.trigger && timeOf(e) >= timeOf(p.trigger) && timeOf(e) <= now && sameSubject(e.subject, p.trigger.subject, rule.subjectKeys),
    );
    const conversationId = p.trigger.subject.conversationId;
    const http: Record<string, HttpFactResult> = {};
    for (const fact of rule.httpFacts) http[fact.key] = options.http?.[fact.key] ?? { error: 'not available in simulation' };
    const ctx: FireContext = { trigger: p.trigger, laterEvents, slots: conversationId ? options.slots?.[conversationId] : undefined, http, now };
    try {
      const decision = await evaluateAtFire(p.compiled, ctx, evaluator);
      if (decision.outcome === 'fire') return { ...base, kind: 'fired', actions: decision.actions };
      if (decision.outcome === 'cancelled') return { ...base, kind: 'cancelled', reason: decision.reason, byEventId: decision.byEventId };
      return { ...base, kind: 'skipped', reason: decision.reason };
    } catch (error) {
      return { ...base, kind: 'failed', reason: (error as Error).message };
    }
  };

  for (const event of events) {
    const t = timeOf(event);
    if (t > until) break;
    await fireDue(t, false);
    for (const ref of cancellationsFor(set, event, { bot })) {
      const p = pending.get(ref.jobId);
      if (!p || !shouldCancel(event, { rule: p.compiled.rule, trigger: p.trigger })) continue;
      pending.delete(ref.jobId);
      finished.add(ref.jobId);
      entries.push({ at: iso(t), kind: 'cancelled', ruleId: ref.ruleId, eventId: p.trigger.eventId, jobId: ref.jobId, key: ref.key, reason: 'cancel_event', byEventId: event.eventId });
    }
    const { schedule, ignored, failed } = matchEvent(set, event, { bot, now: t });
    for (const miss of ignored) entries.push({ at: iso(t), kind: 'ignored', ruleId: miss.ruleId, eventId: miss.eventId, reason: miss.reason });
    for (const fail of failed) entries.push({ at: iso(t), kind: 'failed', ruleId: fail.ruleId, eventId: fail.eventId, jobId: fail.jobId, reason: `schedule_error: ${fail.error}` });
    for (const decision of schedule) {
      const base = { at: iso(t), ruleId: decision.ruleId, eventId: event.eventId, jobId: decision.jobId, key: decision.key, dueAt: iso(decision.dueAt) };
      if (pending.has(decision.jobId) || finished.has(decision.jobId)) {
        entries.push({ ...base, kind: 'duplicate' });
        continue;
      }
      pending.set(decision.jobId, { decision, compiled: set.rules.get(decision.ruleId) as CompiledRule, trigger: event });
      entries.push({ ...base, kind: 'scheduled' });
    }
  }
  await fireDue(until, true);
  for (const p of [...pending.values()].sort((a, b) => a.decision.dueAt - b.decision.dueAt)) {
    entries.push({ at: iso(until), kind: 'pending', ruleId: p.decision.ruleId, eventId: p.trigger.eventId, jobId: p.decision.jobId, key: p.decision.key, dueAt: iso(p.decision.dueAt) });
  }
  return { entries };
}
