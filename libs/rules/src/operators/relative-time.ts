/**
 * Relative-time operators: "is this timestamp older than 48h / within the last 7d?".
 * The reference time is passed in (from the `$now` fact or an injected clock), so the operators
 * stay pure and a simulation can run them on a virtual clock.
 */
export interface RelativeTimeReference {
  /** Epoch milliseconds that "now" means for this evaluation. */
  now: number;
  /** The duration of the condition, in milliseconds. */
  ms: number;
}

/** Epoch ms from a number, a Date or a date string; undefined when it is none of those. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) return toEpochMs(value.getTime());
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/** True when the fact's timestamp lies at least `ms` before `now`. */
export function olderThan(factValue: unknown, reference: RelativeTimeReference): boolean {
  const at = toEpochMs(factValue);
  return at !== undefined && at <= reference.now - reference.ms;
}

/** True when the fact's timestamp lies in the window [now - ms, now]. */
export function withinLast(factValue: unknown, reference: RelativeTimeReference): boolean {
  const at = toEpochMs(factValue);
  return at !== undefined && at >= reference.now - reference.ms && at <= reference.now;
}
