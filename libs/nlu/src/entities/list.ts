import { foldText } from '../text';
import { toSlot, type EntitySpan, type SpanFinder } from './span';
import type { ExtractedSlot } from '@zhishou/flow-schema';

export interface ListEntry {
  value: string;
  synonyms?: readonly string[];
}

interface Phrase {
  folded: string;
  value: string;
}

const ASCII_WORD = /[a-z0-9]/;

function isAsciiWord(char: string | undefined): boolean {
  return char !== undefined && ASCII_WORD.test(char);
}

// A Latin/digit phrase must stand alone: "m" is a size in "要m码的", not inside "mm" or "200m".
function hasBoundaries(folded: string, phrase: string, start: number): boolean {
  const end = start + phrase.length;
  if (isAsciiWord(phrase[0]) && isAsciiWord(folded[start - 1])) return false;
  if (isAsciiWord(phrase[phrase.length - 1]) && isAsciiWord(folded[end])) return false;
  return true;
}

/**
 * Leftmost, longest-first phrase matching without overlaps; the span's value is the phrase's value.
 * Phrases are folded; the index is built once.
 */
export function createPhraseFinder(phrases: ReadonlyArray<{ phrase: string; value: string }>): SpanFinder {
  const byFirstChar = new Map<string, Phrase[]>();
  for (const { phrase, value } of phrases) {
    const folded = foldText(phrase).trim();
    if (folded.length === 0) continue;
    const first = folded[0] as string;
    const bucket = byFirstChar.get(first) ?? [];
    if (!bucket.some((p) => p.folded === folded)) bucket.push({ folded, value });
    byFirstChar.set(first, bucket);
  }
  for (const bucket of byFirstChar.values()) bucket.sort((a, b) => b.folded.length - a.folded.length);

  return (folded) => {
    const spans: EntitySpan[] = [];
    let i = 0;
    while (i < folded.length) {
      const candidates = byFirstChar.get(folded[i] as string);
      const hit = candidates?.find((p) => folded.startsWith(p.folded, i) && hasBoundaries(folded, p.folded, i));
      if (hit) {
        spans.push({ value: hit.value, start: i, end: i + hit.folded.length });
        i += hit.folded.length;
      } else i += 1;
    }
    return spans;
  };
}

/** Canonical values and their synonyms; the span's value is the canonical entry. */
export function createListFinder(entries: readonly ListEntry[]): SpanFinder {
  return createPhraseFinder(entries.flatMap((entry) => [entry.value, ...(entry.synonyms ?? [])].map((phrase) => ({ phrase, value: entry.value }))));
}

/** Convenience for one-off use; build the finder once with `createListFinder` when matching often. */
export function extractListValues(text: string, entries: readonly ListEntry[], type: string): ExtractedSlot[] {
  return createListFinder(entries)(foldText(text)).map((span) => toSlot(span, type, text));
}
