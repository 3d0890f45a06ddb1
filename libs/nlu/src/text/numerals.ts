// Chinese and colloquial numerals: 两百五 = 250, 三千二 = 3200, 一万二 = 12000, 1.2k = 1200, 1w = 10000,
// 2千5 = 2500, 一百零五 = 105. Input is expected folded (half-width, lower-case).

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, k: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 10_000, w: 10_000, 亿: 100_000_000 };

/** Characters that may appear inside a numeral run. */
export const NUMERAL_CHARS = '0123456789.零〇一二两三四五六七八九十百千万亿';

type Token = { kind: 'digit'; value: number; chinese: boolean } | { kind: 'zero' } | { kind: 'small'; value: number } | { kind: 'big'; value: number };

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    const arabic = /^\d+(?:\.\d+)?/.exec(text.slice(i));
    if (arabic) {
      tokens.push({ kind: 'digit', value: Number(arabic[0]), chinese: false });
      i += arabic[0].length;
      continue;
    }
    if (char === '零' || char === '〇') tokens.push({ kind: 'zero' });
    else if (char in DIGITS) tokens.push({ kind: 'digit', value: DIGITS[char] as number, chinese: true });
    else if (char in SMALL_UNITS) tokens.push({ kind: 'small', value: SMALL_UNITS[char] as number });
    else if (char in BIG_UNITS) tokens.push({ kind: 'big', value: BIG_UNITS[char] as number });
    else return null;
    i += 1;
  }
  return tokens;
}

/**
 * Value of a numeral string, or null when it is not one. A trailing digit after a unit is the
 * colloquial elision of the next lower unit (两百五 = 250, 一万二 = 12000) unless a 零 intervened.
 */
export function parseNumeral(input: string): number | null {
  const text = input.trim().toLowerCase();
  if (text.length === 0) return null;
  const tokens = tokenize(text);
  if (!tokens || !tokens.some((t) => t.kind === 'digit' || t.kind === 'zero')) return null;
  // Only 十 may open a numeral (十五); 万一, 千万 and the like are words, not numbers.
  const first = tokens[0];
  if (first && (first.kind === 'big' || (first.kind === 'small' && first.value !== 10))) return null;
  let total = 0;
  let section = 0;
  let pending: number | null = null;
  let lastUnit: number | null = null;
  for (const token of tokens) {
    switch (token.kind) {
      case 'digit':
        // Consecutive Chinese digits read digit by digit (一五零 = 150); an arabic number cannot follow a digit.
        if (pending !== null) {
          // 两百五一 is 两百五 followed by 一, not 251: digit-by-digit reading only before any unit.
          if (!token.chinese || lastUnit !== null) return null;
          pending = pending * 10 + token.value;
        } else pending = token.value;
        break;
      case 'zero':
        if (pending !== null) pending *= 10;
        lastUnit = null;
        break;
      case 'small':
        section += (pending ?? 1) * token.value;
        pending = null;
        lastUnit = token.value;
        break;
      case 'big':
        section += pending ?? 0;
        total += (section === 0 ? 1 : section) * token.value;
        section = 0;
        pending = null;
        lastUnit = token.value;
        break;
    }
  }
  if (pending !== null) section += lastUnit !== null && pending < 10 ? (pending * lastUnit) / 10 : pending;
  const value = total + section;
  return Number.isFinite(value) ? Math.round(value * 1e6) / 1e6 : null;
}

/** A numeral found in text: its value and where it is. */
export interface NumeralSpan {
  value: number;
  text: string;
  start: number;
  end: number;
}

// A numeral run, optionally ending in k/w (not followed by another Latin letter: "3kg" is not 3000).
const NUMERAL_RUN = /(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿])+(?:[kw](?![a-z]))?/g;
// 一 in set phrases (一下, 一点, 一样, 统一 …) is not a quantity anyone would ask about.
const IDIOMATIC_ONE_NEXT = new Set([...'下点样直起定般些会切共边旦向致律模']);
const IDIOMATIC_ONE_PREV = new Set([...'统唯第万一之']);

/** The longest prefix of a run that parses, so "两百五一件" yields 两百五 and then 一. */
function longestNumeral(run: string): { text: string; value: number } | null {
  for (let length = run.length; length > 0; length--) {
    const text = run.slice(0, length);
    const value = parseNumeral(text);
    if (value !== null) return { text, value };
  }
  return null;
}

function isIdiomaticOne(folded: string, start: number, text: string): boolean {
  const end = start + text.length;
  return text === '一' && (IDIOMATIC_ONE_NEXT.has(folded[end] ?? '') || IDIOMATIC_ONE_PREV.has(folded[start - 1] ?? ''));
}

/**
 * Every numeral in folded text, left to right, skipping idiomatic 一, unit-only words (千万, 十分)
 * and digits glued to a preceding Latin letter (iphone13, sn123456: model names and codes).
 */
export function findNumerals(folded: string): NumeralSpan[] {
  const spans: NumeralSpan[] = [];
  for (const match of folded.matchAll(NUMERAL_RUN)) {
    if (/[a-z]/.test(folded[match.index - 1] ?? '')) continue;
    let offset = 0;
    while (offset < match[0].length) {
      const numeral = longestNumeral(match[0].slice(offset));
      if (!numeral) {
        offset += 1;
        continue;
      }
      const start = match.index + offset;
      if (!isIdiomaticOne(folded, start, numeral.text)) {
        spans.push({ value: numeral.value, text: numeral.text, start, end: start + numeral.text.length });
      }
      offset += numeral.text.length;
    }
  }
  return spans;
}

/** 八五折 / 85折 / 9折 → 0.85 / 0.85 / 0.9; null when the text is not a discount. */
export function parseDiscount(input: string): number | null {
  const match = /^([0-9零〇一二两三四五六七八九]{1,2})(?:\.(\d))?折$/.exec(input.trim());
  if (!match) return null;
  const digits = [...(match[1] as string)].map((c) => (/\d/.test(c) ? Number(c) : (DIGITS[c] ?? NaN)));
  if (digits.some(Number.isNaN)) return null;
  const [first = 0, second] = digits;
  const tenths = second === undefined ? first + (match[2] ? Number(match[2]) / 10 : 0) : first + second / 10;
  return Math.round(tenths * 100) / 1000;
}
