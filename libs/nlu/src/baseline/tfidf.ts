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

  // Postings as typed arrays (doc ids + normalised weights) keep the scoring loop tight and allocation-free.
  const lists = new Map<string, Array<[number, number]>>();
  counts.forEach((docCounts, docIndex) => {
    const weights = [...docCounts].map(([gram, count]) => [gram, logTf(count) * (idf.get(gram) as number)] as const);
    const norm = Math.sqrt(weights.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
    for (const [gram, w] of weights) {
      const list = lists.get(gram) ?? [];
      list.push([docIndex, w / norm]);
      lists.set(gram, list);
    }
  });
  const postings = new Map<string, { docs: Int32Array; weights: Float64Array; idf: number }>();
  for (const [gram, list] of lists) {
    postings.set(gram, { docs: Int32Array.from(list, ([d]) => d), weights: Float64Array.from(list, ([, w]) => w), idf: idf.get(gram) as number });
  }

  return {
    size: n,
    similarities(query) {
      const scores = new Float64Array(n);
      const queryCounts = countNgrams(query, MIN_N, MAX_N);
      let norm = 0;
      for (const [gram, count] of queryCounts) {
        const w = logTf(count) * (postings.get(gram)?.idf ?? unseenIdf);
        norm += w * w;
      }
      if (norm === 0) return scores;
      const inv = 1 / Math.sqrt(norm);
      for (const [gram, count] of queryCounts) {
        const posting = postings.get(gram);
        if (!posting) continue;
        const qw = logTf(count) * posting.idf * inv;
        const { docs, weights } = posting;
        for (let i = 0; i < docs.length; i++) scores[docs[i] as number] = (scores[docs[i] as number] as number) + qw * (weights[i] as number);
      }
      return scores;
    },
  };
}
