import { foldText } from '../text';
import { matchSpans, toSlot, type EntitySpan } from './span';
import type { ExtractedSlot } from '@zhishou/flow-schema';

// Mainland mobile numbers: 1[3-9] + 9 digits, optionally +86, optionally split 3-4-4 by spaces or dashes.
const PHONE = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g;

export function findPhones(folded: string): EntitySpan[] {
  return matchSpans(folded, PHONE, (m) => `${m[1]}${m[2]}${m[3]}`);
}

/** CN mobile numbers; value = the 11 digits. */
export function extractPhones(text: string, type = 'phone'): ExtractedSlot[] {
  return findPhones(foldText(text)).map((span) => toSlot(span, type, text));
}
