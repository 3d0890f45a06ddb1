import { z } from 'zod';

/** Identifiers used in documents: stable, URL-safe, readable in a diff. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'ids use letters, digits, "_", "-", "."');

/** Keys of intents, slots, variables: usable inside `{{slots.x}}` templates. */
export const keySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'keys start with a letter or "_" and use letters, digits, "_"');

export const LOCALES = ['zh-CN', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

const DURATION_UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * The longest delay a document may ask for. Longer ones ("99999999999d") overflow dates and timers
 * (`Invalid time value` at run time), so they are refused at validation.
 */
export const MAX_DURATION_MS = 365 * DURATION_UNIT_MS.d;

/** Milliseconds of a well-formed duration (Infinity when huge); undefined when malformed. */
function parseDurationMs(duration: string | number): number | undefined {
  if (typeof duration === 'number') return Number.isInteger(duration) && duration >= 0 ? duration : undefined;
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(duration);
  return match ? Number(match[1]) * DURATION_UNIT_MS[match[2] as keyof typeof DURATION_UNIT_MS] : undefined;
}

/** Durations as ops write them: "30s", "5m", "48h", "7d" (or plain milliseconds), at most 365 days. */
export const durationSchema = z.union([
  z.string().regex(/^\d+(ms|s|m|h|d)$/, 'a duration like "30s", "5m", "48h" or "7d"'),
  z.number().int().nonnegative(),
]).refine((d) => (parseDurationMs(d) ?? 0) <= MAX_DURATION_MS, 'a duration may be at most 365 days');
export type Duration = z.infer<typeof durationSchema>;

/** Milliseconds of a duration; throws for one that is malformed or longer than MAX_DURATION_MS. */
export function durationToMs(duration: Duration): number {
  const ms = parseDurationMs(duration);
  if (ms === undefined || ms > MAX_DURATION_MS) throw new Error(`invalid duration "${duration}" (at most 365 days)`);
  return ms;
}

/** JSON values stored in slots, variables and event data. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);
