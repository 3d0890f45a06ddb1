import { readFileSync } from 'node:fs';
import type { QuestionPair } from '../matcher/train';

export const PAIR_FORMATS = ['bq', 'lcqmc', 'atec'] as const;
export type PairFormat = (typeof PAIR_FORMATS)[number];

/**
 * The question-matching corpora of ../shared/datasets: bq `q1_!_q2_!_label`; lcqmc `q1\tq2\tlabel`;
 * atec `id\tq1\tq2\tlabel` (UTF-8 with byte-order marks, which are dropped everywhere).
 * Lines that do not parse are counted and skipped, never guessed.
 */
export function parsePairs(format: PairFormat, text: string): { pairs: QuestionPair[]; skipped: number } {
  const pairs: QuestionPair[] = [];
  let skipped = 0;
  for (const raw of text.replace(/\uFEFF/g, '').split(/\r?\n/)) {
    if (!raw.trim()) continue;
    const cols = format === 'bq' ? raw.split('_!_') : raw.split('\t');
    const [a, b, label] = format === 'atec' ? cols.slice(1) : cols;
    const expected = format === 'atec' ? 4 : 3;
    if (cols.length !== expected || a === undefined || b === undefined || (label?.trim() !== '0' && label?.trim() !== '1')) {
      skipped++;
      continue;
    }
    pairs.push({ a, b, label: label.trim() === '1' ? 1 : 0 });
  }
  return { pairs, skipped };
}

export function readPairs(format: PairFormat, path: string): { pairs: QuestionPair[]; skipped: number } {
  return parsePairs(format, readFileSync(path, 'utf8'));
}
