import type { BusinessEvent, EventSubject, SubjectKey, TriggerRule } from '@zhishou/flow-schema';
import type { CompiledRule, CompiledRuleSet } from './compile';
import { uuidFromName } from './sha256';

/**
 * Names one pending trigger. The job id is a name-based UUID of (bot, rule set key, rule id, rendered
 * dedupe key) — deliberately NOT of the rule-set version: re-publishing or rolling back a rule set and
 * receiving the same event again collapses onto the job already scheduled instead of adding a second.
 */
export interface TriggerRef {
  bot: string;
  ruleSetKey: string;
  ruleId: string;
  /** The rendered dedupe key. */
  key: string;
  jobId: string;
}

export interface ScheduleDecision extends TriggerRef {
  /** The version that scheduled it (recorded; the live version decides at fire time). */
  ruleSetVersion: number | null;
  eventId: string;
  /** Epoch ms: the event's occurredAt + the rule's delay. */
  dueAt: number;
  /** How long from `now` until due (0 when the event arrived late). */
  delayMs: number;
}

export type IgnoreReason = 'missing_subject';
export interface IgnoredMatch {
  ruleId: string;
  eventId: string;
  reason: IgnoreReason;
}

export function triggerJobId(bot: string, ruleSetKey: string, ruleId: string, key: string): string {
  return uuidFromName(`${bot}\n${ruleSetKey}\n${ruleId}\n${key}`);
}

function hasSubjectKeys(subject: EventSubject, keys: readonly SubjectKey[]): boolean {
  return keys.every((k) => subject[k] !== undefined);
}

/** The trigger this event names for this rule; undefined when the event lacks a subject key the rule relates on. */
export function triggerRefFor(bot: string, set: CompiledRuleSet, compiled: CompiledRule, event: BusinessEvent): TriggerRef | undefined {
  if (!hasSubjectKeys(event.subject, compiled.rule.subjectKeys)) return undefined;
  const key = compiled.renderDedupeKey({ rule: { id: compiled.rule.id, name: compiled.rule.name }, event });
  return { bot, ruleSetKey: set.key, ruleId: compiled.rule.id, key, jobId: triggerJobId(bot, set.key, compiled.rule.id, key) };
}

/** A rule that could not decide for an event (it is recorded; the event is stored all the same). */
export interface FailedMatch {
  ruleId: string;
  eventId: string;
  /** The trigger the rule would have named; a name-based id of rule + event when it could not be rendered. */
  jobId: string;
  /** The event's occurredAt (epoch ms) or `now` when that is unusable: a valid time to file the failure under. */
  at: number;
  error: string;
}

// Latest instant both JS dates and Postgres timestamps can hold with room to spare (year 9999).
const LATEST_DUE_AT = Date.UTC(9999, 11, 31);

/**
 * What an incoming event schedules: one decision per enabled rule it starts (duplicates collapse on jobId
 * downstream). A rule that throws or lands outside the representable time range is reported in `failed`
 * and never stops the other rules, so one bad rule cannot refuse the event (or its batch).
 */
export function matchEvent(set: CompiledRuleSet, event: BusinessEvent, options: { bot: string; now: number }): { schedule: ScheduleDecision[]; ignored: IgnoredMatch[]; failed: FailedMatch[] } {
  const schedule: ScheduleDecision[] = [];
  const ignored: IgnoredMatch[] = [];
  const failed: FailedMatch[] = [];
  const occurredAt = Date.parse(event.occurredAt);
  const at = Number.isFinite(occurredAt) && occurredAt <= LATEST_DUE_AT ? occurredAt : options.now;
  for (const compiled of set.startedBy(event.type)) {
    let ref: TriggerRef | undefined;
    try {
      ref = triggerRefFor(options.bot, set, compiled, event);
      if (!ref) {
        ignored.push({ ruleId: compiled.rule.id, eventId: event.eventId, reason: 'missing_subject' });
        continue;
      }
      const dueAt = occurredAt + compiled.afterMs;
      if (!Number.isFinite(dueAt) || dueAt > LATEST_DUE_AT || dueAt < 0) throw new RangeError(`due time out of range (occurredAt ${event.occurredAt} + ${compiled.afterMs} ms)`);
      schedule.push({ ...ref, ruleSetVersion: set.version, eventId: event.eventId, dueAt, delayMs: Math.max(0, dueAt - options.now) });
    } catch (error) {
      const jobId = ref?.jobId ?? triggerJobId(options.bot, set.key, compiled.rule.id, `failed:${event.eventId}`);
      failed.push({ ruleId: compiled.rule.id, eventId: event.eventId, jobId, at, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { schedule, ignored, failed };
}

/** The triggers an incoming event may cancel (the caller checks each pending one with `shouldCancel`). */
export function cancellationsFor(set: CompiledRuleSet, event: BusinessEvent, options: { bot: string }): TriggerRef[] {
  const refs: TriggerRef[] = [];
  for (const compiled of set.cancelledBy(event.type)) {
    const ref = triggerRefFor(options.bot, set, compiled, event);
    if (ref) refs.push(ref);
  }
  return refs;
}

/** True when both subjects carry the same values for every key. */
export function sameSubject(a: EventSubject, b: EventSubject, keys: readonly SubjectKey[]): boolean {
  return keys.every((k) => a[k] !== undefined && a[k] === b[k]);
}

/**
 * Whether `event` cancels a trigger that `trigger` started under `rule`: a cancelOn type, about the same
 * subject, and not older than the trigger (an earlier event belongs to an earlier story).
 */
export function shouldCancel(event: BusinessEvent, pending: { rule: Pick<TriggerRule, 'cancelOn' | 'subjectKeys'>; trigger: BusinessEvent }): boolean {
  return (
    pending.rule.cancelOn.includes(event.type) &&
    sameSubject(event.subject, pending.trigger.subject, pending.rule.subjectKeys) &&
    Date.parse(event.occurredAt) >= Date.parse(pending.trigger.occurredAt) &&
    event.eventId !== pending.trigger.eventId
  );
}
