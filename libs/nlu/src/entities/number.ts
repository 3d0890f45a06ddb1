import { findNumerals, foldText } from '../text';
import { toSlot, type EntitySpan } from './span';
import type { ExtractedSlot } from '@zhishou/flow-schema';

export function findNumbers(folded: string): EntitySpan[] {
  return findNumerals(folded).map(({ value, start, end }) => ({ value, start, end }));
}

/** Numbers written in digits, Chinese numerals or a mix (两百五, 2千5, 1.2k, 1w); value = the number. */
export function extractNumbers(text: string, type = 'number'): ExtractedSlot[] {
  return findNumbers(foldText(text)).map((span) => toSlot(span, type, text));
}
