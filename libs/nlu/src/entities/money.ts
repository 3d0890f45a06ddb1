import { findNumerals, foldText, stripPunctuation, type NumeralSpan } from '../text';
import { toSlot, type EntitySpan } from './span';
import type { ExtractedSlot } from '@zhishou/flow-schema';

// A number is an amount of money when a currency sign or unit marks it, when a bargaining word sits
// next to it (我出300 / 三百出 / 200包邮吗 / 便宜到150), or when it is the whole message (the
// answer to "你出多少?"). Units of anything else (天, 件, 码, 折, kg …) rule it out.
const CURRENCY_BEFORE = /(?:[¥$]|rmb|人民币)\s*$/;
const CURRENCY_AFTER = /^\s*(?:元|块|圆|rmb|大洋|米(?![0-9一二三四五六七八九]))/;
const CUE_BEFORE = /(?:出|给|卖|便宜|少|到|价|价格|最低|最少|最多|预算|付|转|退|补|加|就|能|只要|才|要)\s*$/;
const CUE_AFTER = /^\s*(?:出|走|拿|卖|包邮|行|可以|能|成交|吧|怎么样|咋样|如何|左右|以内|以下|以上|的话|不|够|收|要|好|ok|不行|带走|给你|给我|我要|呗|呀)/;
const OTHER_UNIT_AFTER =
  /^\s*(?:天|日|号|月|年|个|件|次|小时|分|点|斤|公斤|kg|g|cm|mm|码|岁|折|%|寸|楼|层|台|部|条|双|瓶|张|人|单|位|周|星期|ml|gb|tb|公里|km|成新|成|手|期|代|p|pro|max|mini|plus|瓦|v|mah|hz|度|页|本|套|支|只|盒|包(?!邮)|袋|克|升|l|秒|s|分钟|钟|遍|块屏|号线|路)/;
const OTHER_BEFORE = /(?:第|周|星期|礼拜|[a-z])\s*$/;
const FILLERS = new Set(['', '吧', '呢', '啊', '吗', '呀', '嘛', '行吗', '可以吗', '行不', '行不行', '怎么样', '咋样', '如何', '好吗', '可以不', '成吗', '能不能', '要不', '就', '我出', '出', '好不好', '卖不', '卖吗', '行么', '可以么', '可不可以']);
const MAX_DIGITS = 7;

function context(folded: string, span: NumeralSpan): { before: string; after: string } {
  return { before: folded.slice(Math.max(0, span.start - 4), span.start), after: folded.slice(span.end, span.end + 5) };
}

function isWholeMessage(folded: string, span: NumeralSpan): boolean {
  const rest = stripPunctuation(folded.slice(0, span.start) + folded.slice(span.end));
  return FILLERS.has(rest);
}

function isMoney(folded: string, span: NumeralSpan): boolean {
  if (span.value <= 0) return false;
  if ((span.text.match(/\d/g)?.length ?? 0) >= MAX_DIGITS) return false;
  const { before, after } = context(folded, span);
  if (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after)) return true;
  if (OTHER_UNIT_AFTER.test(after) || OTHER_BEFORE.test(before)) return false;
  return CUE_BEFORE.test(before) || CUE_AFTER.test(after) || isWholeMessage(folded, span);
}

// The span covers the sign and the unit too: "¥300", "三百块钱".
const SIGN_BEFORE = /[¥$]\s*$/;
const UNIT_AFTER = /^(?:块钱|元|块|rmb)/;

// 3块5 / 两块五(一个) = 3.5 / 2.5: one digit after 块 is jiao (tenths).
const JIAO_AFTER = /^块([0-9一二两三四五六七八九])(?![0-9零〇二两三四五六七八九十百千万毛角]|一(?![个件只双套本条张]))/;
const JIAO_DIGITS = '一二三四五六七八九';

function jiao(char: string): number {
  if (/\d/.test(char)) return Number(char);
  return char === '两' ? 2 : JIAO_DIGITS.indexOf(char) + 1;
}

function widen(folded: string, span: NumeralSpan): EntitySpan {
  const sign = SIGN_BEFORE.exec(folded.slice(Math.max(0, span.start - 2), span.start));
  const start = span.start - (sign?.[0].length ?? 0);
  const tenths = Number.isInteger(span.value) ? JIAO_AFTER.exec(folded.slice(span.end, span.end + 4)) : null;
  if (tenths) return { value: span.value + jiao(tenths[1] as string) / 10, start, end: span.end + tenths[0].length };
  const unit = UNIT_AFTER.exec(folded.slice(span.end, span.end + 3));
  return { value: span.value, start, end: span.end + (unit?.[0].length ?? 0) };
}

export function findMoney(folded: string): EntitySpan[] {
  const spans: EntitySpan[] = [];
  for (const numeral of findNumerals(folded)) {
    // The 5 of 3块5 was consumed as jiao by the amount before it.
    if (spans.some((s) => s.end > numeral.start)) continue;
    if (isMoney(folded, numeral)) spans.push(widen(folded, numeral));
  }
  return spans;
}

/** Amounts of money (¥300, 三百块, 1.2k, 我出两百五, 300包邮吗); value = the amount in yuan. */
export function extractMoney(text: string, type = 'money'): ExtractedSlot[] {
  return findMoney(foldText(text)).map((span) => toSlot(span, type, text));
}
