import { toSimplifiedChar } from './t2s';

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_TO_HALF_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;

/** Half-width form of one UTF-16 unit: full-width ASCII, ideographic space and the full-width yen sign. */
export function toHalfWidthChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) return String.fromCharCode(code - FULL_TO_HALF_OFFSET);
  if (code === IDEOGRAPHIC_SPACE) return ' ';
  if (char === '￥') return '¥';
  return char;
}

export function toHalfWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += toHalfWidthChar(text[i] as string);
  return out;
}

/**
 * Length-preserving fold: half-width, lower-case Latin, simplified Chinese. Every UTF-16 unit maps to
 * exactly one unit, so offsets found in the folded text are offsets in the original text — entity
 * extractors rely on that.
 */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const half = toHalfWidthChar(text[i] as string);
    const code = half.charCodeAt(0);
    if (code >= 0x41 && code <= 0x5a) out += String.fromCharCode(code + 32);
    else out += toSimplifiedChar(half);
  }
  return out;
}

/** Folded text with runs of white space collapsed to one space and trimmed; punctuation kept. */
export function normalizeText(text: string): string {
  return foldText(text).replace(/\s+/g, ' ').trim();
}

const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Folded text without punctuation, spaces or emoji. */
export function stripPunctuation(text: string): string {
  return text.replace(NOT_WORD, '');
}

/**
 * The key two utterances are compared by for an exact match: folded, punctuation, spaces and emoji
 * removed. A message made only of symbols ("👍", "？？") keeps its symbols so it still has a key.
 */
export function matchKey(text: string): string {
  const folded = foldText(text);
  const stripped = stripPunctuation(folded);
  return stripped.length > 0 ? stripped : folded.replace(/\s+/g, '');
}
