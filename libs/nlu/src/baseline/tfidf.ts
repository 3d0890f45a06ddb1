import { countNgrams } from '../text';

/** Sparse TF-IDF over character 1–3-grams with an inverted index, for cosine to many short documents. */
export interface TfidfIndex {
  /** Cosine similarity of the query to every document, indexed like the documents given. */
  similarities(query: string): Float64Array;
  readonly size: number;
}

const MIN_N = 1;
const MAX_N = 3;

function logTf(count: number): number {
  return 1 + Math.log(count);
}

export interface TfidfOptions {
  /** Weight, relative to the highest idf, of query n-grams that no document contains. */
  unseenWeight?: number;
}

export function createTfidfIndex(documents: readonly string[], options: TfidfOptions = {}): TfidfIndex {
  const counts = documents.map((doc) => countNgrams(doc, MIN_N, MAX_N));
  const df = new Map<string, number>();
  for (const docCounts of counts) for (const gram of docCounts.keys()) df.set(gram, (df.get(gram) ?? 0) + 1);
  const n = documents.length;
  const idf = new Map<string, number>();
  for (const [gram, freq] of df) idf.set(gram, Math.log((n + 1) / (freq + 1)) + 1);
  // Grams never seen in training count against the query with the highest idf: off-topic text
  // then scores low instead of matching on one shared character.
  const unseenIdf = (Math.log(n + 1) + 1) * (options.unseenWeight ?? 1);

  const postings = new Map<string, Array<[number, number]>>();
  counts.forEach((docCounts, docIndex) => {
    const weights = [...docCounts].map(([gram, count]) => [gram, logTf(count) * (idf.get(gram) as number)] as const);
    const norm = Math.sqrt(weights.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
    for (const [gram, w] of weights) {
      const list = postings.get(gram) ?? [];
      list.push([docIndex, w / norm]);
      postings.set(gram, list);
    }
  });

  return {
    size: n,
    similarities(query) {
      const scores = new Float64Array(n);
      const queryCounts = countNgrams(query, MIN_N, MAX_N);
      let norm = 0;
      const weighted: Array<[Array<[number, number]>, number]> = [];
      for (const [gram, count] of queryCounts) {
        const w = logTf(count) * (idf.get(gram) ?? unseenIdf);
        norm += w * w;
        const list = postings.get(gram);
        if (list) weighted.push([list, w]);
      }
      if (norm === 0) return scores;
      const inv = 1 / Math.sqrt(norm);
      for (const [list, w] of weighted) {
        const qw = w * inv;
        for (const [doc, dw] of list) scores[doc] = (scores[doc] as number) + qw * dw;
      }
      return scores;
    },
  };
}
