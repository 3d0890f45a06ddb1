import { foldText } from '../text';
import { matchSpans, toSlot, type EntitySpan } from './span';
import type { ExtractedSlot } from '@zhishou/flow-schema';

/**
 * Order ids of the demo marketplace:
 * - `XY` + 8–19 digits (case-insensitive, full-width accepted), value upper-cased: the sandbox
 *   marketplace issues `XY` + 14 digits (yyyymmdd + 6-digit serial), e.g. `XY20261125000123`;
 * - a bare 16–19 digit number (what the real marketplace shows), value = the digits.
 */
export const ORDER_ID_FORMAT = { prefixed: /^XY\d{8,19}$/, bare: /^\d{16,19}$/ } as const;

const PREFIXED = /(?<![a-z\d])xy[\s-]?(\d{8,19})(?!\d)/g;
const BARE = /(?<![a-z\d])(\d{16,19})(?!\d)/g;

export function findOrderIds(folded: string): EntitySpan[] {
  return [...matchSpans(folded, PREFIXED, (m) => `XY${m[1]}`), ...matchSpans(folded, BARE, (m) => m[1] as string)].sort(
    (a, b) => a.start - b.start,
  );
}

export function isOrderId(value: string): boolean {
  return ORDER_ID_FORMAT.prefixed.test(value) || ORDER_ID_FORMAT.bare.test(value);
}

export function extractOrderIds(text: string, type = 'order_id'): ExtractedSlot[] {
  return findOrderIds(foldText(text)).map((span) => toSlot(span, type, text));
}
