import { foldText } from '../text';
import { matchSpans, toSlot, type EntitySpan } from './span';
import type { ExtractedSlot } from '@zhishou/flow-schema';

// Carrier-prefixed waybill numbers (顺丰 SF, 圆通 YT, 京东 JD/JDV…, 极兔 JT, EMS E?#########CN).
const PREFIXED = /(?<![a-z\d])(?:sf\d{12,15}|yt\d{12,15}|jd[a-z]{0,2}\d{11,15}|jt\d{13,15}|e[a-z]\d{9}cn)(?![a-z\d])/g;
// 中通/韵达/申通 waybills are 12–15 plain digits: longer than a phone, shorter than an order id.
const DIGITS = /(?<![a-z\d])\d{12,15}(?![a-z\d])/g;

/** Carrier-prefixed matches; these win over every other id kind on overlap. */
export function findPrefixedTracking(folded: string): EntitySpan[] {
  return matchSpans(folded, PREFIXED, (m) => m[0].toUpperCase());
}

/** Plain-digit waybills; these lose to phones (+86…) and order ids on overlap. */
export function findDigitTracking(folded: string): EntitySpan[] {
  return matchSpans(folded, DIGITS, (m) => m[0]);
}

export function extractTrackingNumbers(text: string, type = 'tracking_no'): ExtractedSlot[] {
  const folded = foldText(text);
  return [...findPrefixedTracking(folded), ...findDigitTracking(folded)].sort((a, b) => a.start - b.start).map((span) => toSlot(span, type, text));
}
