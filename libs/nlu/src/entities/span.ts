import type { ExtractedSlot } from '@zhishou/flow-schema';

/** What a rule extractor finds, before it is named after a slot type. */
export interface EntitySpan {
  value: string | number;
  start: number;
  end: number;
}

/** Finds spans in folded text (see `foldText`: same length as the original, so offsets carry over). */
export type SpanFinder = (folded: string) => EntitySpan[];

export function toSlot(span: EntitySpan, type: string, original: string): ExtractedSlot {
  return { type, value: span.value, text: original.slice(span.start, span.end), start: span.start, end: span.end, source: 'rule' };
}

export function overlaps(a: EntitySpan, b: EntitySpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/** All regex matches of a global pattern as spans, the value computed from the match. */
export function matchSpans(folded: string, pattern: RegExp, value: (match: RegExpExecArray) => string | number): EntitySpan[] {
  const spans: EntitySpan[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(folded); match !== null; match = pattern.exec(folded)) {
    if (match[0].length === 0) {
      pattern.lastIndex += 1;
      continue;
    }
    spans.push({ value: value(match), start: match.index, end: match.index + match[0].length });
  }
  return spans;
}
