import { toHalfWidth } from '../text';
import { toSlot, type SpanFinder } from './span';
import { compileLinearRegex, type ExtractedSlot } from '@zhishou/flow-schema';

/**
 * A finder for an ops-defined pattern (JavaScript source, no flags), or null when the pattern does not
 * compile — the designer validates patterns; a broken one must not take the whole NLU down.
 * The value is the first capture group when there is one, else the whole match. Patterns run on
 * half-width text (case kept) so `[A-Z]` patterns still work, in the linear-time engine (the text is
 * the buyer's: a backtracking pattern such as `(a+)+$` must not freeze the process).
 */
export function createRegexFinder(pattern: string): ((text: string) => ReturnType<SpanFinder>) | null {
  const compiled = compileLinearRegex(pattern);
  if (!compiled.ok) return null;
  const { regex } = compiled;
  return (text) => regex.findAll(toHalfWidth(text)).map((m) => ({ value: m.groups[0] ?? m.text, start: m.start, end: m.end }));
}

export function extractRegex(text: string, pattern: string, type: string): ExtractedSlot[] {
  const finder = createRegexFinder(pattern);
  return finder ? finder(text).map((span) => toSlot(span, type, text)) : [];
}
