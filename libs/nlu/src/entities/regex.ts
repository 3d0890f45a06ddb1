import { toHalfWidth } from '../text';
import { matchSpans, toSlot, type SpanFinder } from './span';
import type { ExtractedSlot } from '@zhishou/flow-schema';

/**
 * A finder for an ops-defined pattern (JavaScript source, no flags), or null when the pattern does not
 * compile — the designer validates patterns; a broken one must not take the whole NLU down.
 * The value is the first capture group when there is one, else the whole match. Patterns run on
 * half-width text (case kept) so `[A-Z]` patterns still work.
 */
export function createRegexFinder(pattern: string): ((text: string) => ReturnType<SpanFinder>) | null {
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern, 'g');
  } catch {
    return null;
  }
  return (text) => matchSpans(toHalfWidth(text), compiled, (m) => m[1] ?? m[0]);
}

export function extractRegex(text: string, pattern: string, type: string): ExtractedSlot[] {
  const finder = createRegexFinder(pattern);
  return finder ? finder(text).map((span) => toSlot(span, type, text)) : [];
}
