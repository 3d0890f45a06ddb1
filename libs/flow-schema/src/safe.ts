import { z } from 'zod';

/**
 * Building blocks for input that reaches Postgres: text without NUL characters or unpaired UTF-16
 * surrogates (Postgres text/jsonb cannot store them: the request failed there with a 500), integers
 * inside the int4 range, and bounded lengths. Schemas at the API edge use these instead of bare
 * `z.string()` / `z.number()`, so bad input is a 400 naming the field.
 */

export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;
/** Longest chat message (user or agent) the API accepts. */
export const MAX_MESSAGE_LENGTH = 4_000;
/** Longest path parameter (ids and keys are far shorter; this only bounds the work of a bad one). */
export const MAX_PATH_PARAM_LENGTH = 256;

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSAFE_CHAR = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/** True when the text can be stored as Postgres text/jsonb. */
export function isSafeText(text: string): boolean {
  return !UNSAFE_CHAR.test(text);
}

/** A string with no NUL / unpaired surrogates, at most `max` characters. */
export function safeText(max = 10_000): z.ZodString {
  return z.string().max(max).refine(isSafeText, UNSAFE_TEXT_MESSAGE);
}

/** An opaque id from a client (messageId, eventId, subject values): 1..max safe characters. */
export function safeId(max = 128): z.ZodString {
  return z.string().min(1).max(max).refine(isSafeText, UNSAFE_TEXT_MESSAGE);
}

/** An integer Postgres `integer` columns can hold. */
export const int32Schema = z.number().int().min(INT32_MIN).max(INT32_MAX);

/** A non-negative int4 from a path or query string ("12"); "99999999999", "1e3", "-1" are refused. */
export const int32ParamSchema = z
  .string()
  .regex(/^\d{1,10}$/, 'must be a whole number')
  .transform(Number)
  .refine((n) => n <= INT32_MAX, `must be at most ${INT32_MAX}`);

/** A query-string integer (coerced) inside int4, with bounds. */
export function int32Query(min = 0, max = INT32_MAX): z.ZodCoercedNumber {
  return z.coerce.number().int().min(Math.max(min, INT32_MIN)).max(Math.min(max, INT32_MAX));
}

export interface UnsafeValueIssue {
  path: string;
  message: string;
}

/**
 * Every string (value or object key) in a parsed JSON value that Postgres cannot store, with its
 * dotted path; at most `limit` issues. Iterative, so a deeply nested document cannot overflow the stack.
 */
export function unsafeTextIssues(value: unknown, limit = 20): UnsafeValueIssue[] {
  const issues: UnsafeValueIssue[] = [];
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  const at = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  while (stack.length > 0 && issues.length < limit) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string };
    if (typeof current === 'string') {
      if (!isSafeText(current)) issues.push({ path, message: UNSAFE_TEXT_MESSAGE });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: at(path, i) });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (!isSafeText(key)) issues.push({ path: at(path, key.replace(UNSAFE_CHAR, '\ufffd')), message: `keys ${UNSAFE_TEXT_MESSAGE}` });
        stack.push({ value: child, path: at(path, key) });
      }
    }
  }
  return issues;
}

/** Deepest nesting of arrays/objects a document may have (a flow with conditions needs ~30). */
export const MAX_DOCUMENT_DEPTH = 64;
/** Most arrays/objects/values in one document (a 500-node flow has ~40k). */
export const MAX_DOCUMENT_VALUES = 500_000;

/**
 * The first place where a JSON value nests deeper than `maxDepth` or holds more than `maxValues`
 * values, else undefined. Iterative: it is the check that keeps the recursive validators (zod's lazy
 * schemas, condition checks) from overflowing the stack on a 5,000-deep document.
 */
export function documentShapeIssue(value: unknown, maxDepth = MAX_DOCUMENT_DEPTH, maxValues = MAX_DOCUMENT_VALUES): UnsafeValueIssue | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  let count = 0;
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop() as { value: unknown; depth: number; path: string };
    if (++count > maxValues) return { path, message: `a document may hold at most ${maxValues} values` };
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return { path, message: `nested deeper than ${maxDepth} levels` };
    const entries: [string, unknown][] = Array.isArray(current) ? current.map((child, i) => [String(i), child]) : Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      stack.push({ value: child, depth: depth + 1, path: path === '' ? key : `${path}.${key}` });
    }
  }
  return undefined;
}
