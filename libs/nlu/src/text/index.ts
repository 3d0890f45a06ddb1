export { foldText, matchKey, normalizeText, stripPunctuation, toHalfWidth, toHalfWidthChar } from './fold';
export { toSimplified, toSimplifiedChar } from './t2s';
export { findNumerals, parseDiscount, parseNumeral, NUMERAL_CHARS, type NumeralSpan } from './numerals';
export { charNgrams, countNgrams } from './ngrams';
export { formatAnnotated, parseAnnotated, toBio, type AnnotatedSpan, type AnnotatedUtterance } from './annotation';
export { canonicalizeSlang } from './slang';
