import { createRequire } from 'node:module';

/** Word segmentation for the optional word features (native @node-rs/jieba; CLI/api layer only). */
export type Segmenter = (text: string) => string[];

interface JiebaLike {
  cut(text: string, hmm?: boolean): string[];
}

let cached: Segmenter | undefined;

export function loadJieba(): Segmenter {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): JiebaLike } };
  const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
  const jieba = Jieba.withDict(dict);
  cached = (text) => jieba.cut(text, true);
  return cached;
}
