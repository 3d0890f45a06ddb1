import { MAX_REGEX_INPUT, type LinearRegex } from '@zhishou/flow-schema';

/** Text operators. Comparisons are case-insensitive and width-insensitive (NFKC), as ops expect for Chinese/Latin mixes. */

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** True when the fact text contains the value (or any of the values, when an array is given). */
export function textContains(factValue: unknown, needle: unknown): boolean {
  if (typeof factValue !== 'string') return false;
  const haystack = normalise(factValue);
  const needles = Array.isArray(needle) ? needle : [needle];
  return needles.some((n) => typeof n === 'string' && n !== '' && haystack.includes(normalise(n)));
}

/** Longest text a `matches` condition looks at: bounds the work one pattern can do per evaluation. */
export const MAX_MATCH_INPUT = MAX_REGEX_INPUT;

/**
 * True when the fact text matches the pattern compiled by `compileSafeRegex` (linear time, looks at the
 * first MAX_MATCH_INPUT characters); never for non-strings.
 */
export function matches(factValue: unknown, regex: Pick<LinearRegex, 'test'> | undefined): boolean {
  if (regex === undefined || typeof factValue !== 'string') return false;
  return regex.test(factValue);
}
