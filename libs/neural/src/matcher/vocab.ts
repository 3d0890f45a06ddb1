/** Character vocabulary of the matcher; id 0 is every character not in it. */
export interface CharVocab {
  chars: string[];
  index: Map<string, number>;
}

/** NFKC folds full-width letters and digits to half width; case does not change meaning here. */
export function normalizeQuestion(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Characters seen at least `minCount` times in the texts, most frequent first (ties by code point). */
export function buildCharVocab(texts: Iterable<string>, minCount: number, maxSize = 20_000): CharVocab {
  const counts = new Map<string, number>();
  for (const t of texts) for (const ch of normalizeQuestion(t)) if (ch !== ' ') counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const kept = [...counts.entries()]
    .filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxSize - 1)
    .map(([ch]) => ch);
  return vocabFromChars(['<unk>', ...kept]);
}

export function vocabFromChars(chars: string[]): CharVocab {
  return { chars, index: new Map(chars.map((c, i) => [c, i])) };
}

/** Character ids of a question, truncated to maxLen; never empty (an empty question is one unknown). */
export function encodeQuestion(text: string, vocab: CharVocab, maxLen: number): Int32Array {
  const ids: number[] = [];
  for (const ch of normalizeQuestion(text)) {
    if (ch === ' ') continue;
    ids.push(vocab.index.get(ch) ?? 0);
    if (ids.length === maxLen) break;
  }
  if (!ids.length) ids.push(0);
  return Int32Array.from(ids);
}

/** 1 where a character of `a` also occurs in `b` (the exact-match feature of DrQA/RE2-style matchers). */
export function exactMatch(a: Int32Array, b: Int32Array, out: Int32Array): Int32Array {
  for (let i = 0; i < a.length; i++) {
    let hit = 0;
    const id = a[i]!;
    for (let j = 0; j < b.length; j++) if (b[j] === id) {
      hit = 1;
      break;
    }
    out[i] = hit;
  }
  return out;
}
