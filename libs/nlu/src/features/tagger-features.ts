import type { TaggerFeatureConfig } from './config';
import { bucketOf } from './hash';
import { charType, normalizeChars } from './normalize';

/** Optional per-character hints, e.g. the rule-entity kind covering the character ("money", "phone"). */
export type CharHints = readonly (string | undefined)[];

function at(chars: readonly string[], i: number): string {
  if (i < 0) return '<s>';
  if (i >= chars.length) return '</s>';
  return chars[i]!;
}

/** Feature strings for position i: char window unigrams, bigrams, a trigram, char types, hints. */
export function positionFeatureStrings(chars: readonly string[], i: number, window: number, hints?: CharHints): string[] {
  const out = ['bias'];
  for (let d = -window; d <= window; d++) out.push(`u${d}:${at(chars, i + d)}`);
  for (let d = -window; d < window; d++) out.push(`b${d}:${at(chars, i + d)}${at(chars, i + d + 1)}`);
  out.push(`t:${at(chars, i - 1)}${at(chars, i)}${at(chars, i + 1)}`);
  const type = (k: number): string => (k < 0 || k >= chars.length ? 'pad' : charType(chars[k]!));
  out.push(`ty:${type(i - 1)}|${type(i)}|${type(i + 1)}`);
  const hint = hints?.[i];
  if (hint) {
    out.push(`h:${hint}`);
    out.push(`hb:${hints?.[i - 1] === hint ? 'in' : 'start'}:${hint}`);
  }
  return out;
}

/** Fixed-width [T × width] feature id matrix (row-major, padded with bucket 0) for one sentence. */
export function taggerFeatureIds(text: string, config: TaggerFeatureConfig, hints?: CharHints): { chars: string[]; ids: Int32Array } {
  const chars = normalizeChars(text);
  return { chars, ids: taggerFeatureIdsFromChars(chars, config, hints) };
}

/** Same as taggerFeatureIds for an already tokenised, normalised character sequence (datasets). */
export function taggerFeatureIdsFromChars(chars: readonly string[], config: TaggerFeatureConfig, hints?: CharHints): Int32Array {
  const ids = new Int32Array(chars.length * config.width);
  for (let i = 0; i < chars.length; i++) {
    const feats = positionFeatureStrings(chars, i, config.window, hints);
    const n = Math.min(feats.length, config.width);
    for (let k = 0; k < n; k++) ids[i * config.width + k] = bucketOf(feats[k]!, config.buckets);
  }
  return ids;
}
