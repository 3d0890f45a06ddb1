import { bestThreshold, binaryMetrics, type BinaryMetrics } from '../metrics';
import { normalizeQuestion } from './vocab';
import type { QuestionPair } from './train';

/** Jaccard similarity of the two questions' character sets (after normalisation, spaces ignored). */
export function charJaccard(a: string, b: string): number {
  const sa = new Set(normalizeQuestion(a).replace(/ /g, ''));
  const sb = new Set(normalizeQuestion(b).replace(/ /g, ''));
  if (!sa.size && !sb.size) return 1;
  let inter = 0;
  for (const c of sa) if (sb.has(c)) inter++;
  return inter / (sa.size + sb.size - inter);
}

/** The character-Jaccard baseline: threshold tuned for accuracy on the training pairs, scored on the test pairs. */
export function jaccardBaseline(train: readonly QuestionPair[], test: readonly QuestionPair[]): BinaryMetrics & { threshold: number } {
  const threshold = bestThreshold(
    train.map((p) => charJaccard(p.a, p.b)),
    train.map((p) => p.label),
  );
  return { ...binaryMetrics(test.map((p) => charJaccard(p.a, p.b)), test.map((p) => p.label), threshold), threshold };
}
