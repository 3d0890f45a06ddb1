import type { ClassifierFeatureConfig } from './config';
import { bucketOf } from './hash';
import { normalizeChars } from './normalize';

/** Feature strings for a sentence classifier: boundary-marked char n-grams plus optional words. */
export function classifierFeatureStrings(text: string, config: ClassifierFeatureConfig, tokens?: readonly string[]): string[] {
  const normalized = normalizeChars(text).filter((c) => c.trim() !== '');
  const chars = ['<', ...(config.foldDigits ? normalized.map((c) => (c >= '0' && c <= '9' ? '0' : c)) : normalized), '>'];
  const out: string[] = [];
  for (const n of config.charNgrams) {
    for (let i = 0; i + n <= chars.length; i++) {
      const gram = chars.slice(i, i + n).join('');
      // Skip the bare boundary markers as unigrams: they carry no information.
      if (n === 1 && (gram === '<' || gram === '>')) continue;
      out.push(`c${n}:${gram}`);
    }
  }
  if (config.words && tokens) {
    const words = tokens.map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
    for (const w of words) out.push(`w:${w}`);
    if (config.wordBigrams) for (let i = 0; i + 1 < words.length; i++) out.push(`w2:${words[i]}|${words[i + 1]}`);
  }
  return out;
}

/** Hashed feature ids (never empty: an empty text yields the id of a fixed "empty" feature). */
export function classifierFeatureIds(text: string, config: ClassifierFeatureConfig, tokens?: readonly string[]): Int32Array {
  const strings = classifierFeatureStrings(text, config, tokens);
  if (strings.length === 0) strings.push('empty');
  const ids = new Int32Array(strings.length);
  for (let i = 0; i < strings.length; i++) ids[i] = bucketOf(strings[i]!, config.buckets);
  return ids;
}
