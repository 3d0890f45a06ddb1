/**
 * Length-preserving normalisation for model features: NFKC per character (full-width → half-width,
 * compatibility forms) and lower case. One output character per input character keeps slot offsets valid.
 */
export function normalizeChars(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    const n = ch.normalize('NFKC').toLowerCase();
    out.push(n.length === 1 ? n : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch);
  }
  return out;
}

export type CharType = 'han' | 'digit' | 'latin' | 'space' | 'punct' | 'emoji' | 'other';

export function charType(ch: string): CharType {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x4e00 && c <= 0x9fff) return 'han';
  if (c >= 0x3400 && c <= 0x4dbf) return 'han';
  if (c >= 48 && c <= 57) return 'digit';
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return 'latin';
  if (/\s/u.test(ch)) return 'space';
  if (/\p{P}|\p{S}/u.test(ch)) return c >= 0x1f000 ? 'emoji' : 'punct';
  if (c >= 0x1f000) return 'emoji';
  return 'other';
}
