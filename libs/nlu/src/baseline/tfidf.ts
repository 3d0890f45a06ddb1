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
  // Gram ids and document frequencies.
  const ids = new Map<string, number>();
  const dfs: number[] = [];
  for (const docCounts of counts) {
    for (const gram of docCounts.keys()) {
      const id = ids.get(gram);
      if (id === undefined) {
        ids.set(gram, dfs.length);
        dfs.push(1);
      } else dfs[id] = (dfs[id] as number) + 1;
    }
  }
  const n = documents.length;
  const idf = Float64Array.from(dfs, (df) => Math.log((n + 1) / (df + 1)) + 1);
  // Grams never seen in training count against the query with the highest idf (scaled): off-topic
  // text then scores low instead of matching on one shared character.
  const unseenIdf = (Math.log(n + 1) + 1) * (options.unseenWeight ?? 1);

  // Postings in one flat (CSR) layout: gram id → [offsets[id], offsets[id + 1]) in docs/weights.
  const offsets = new Int32Array(dfs.length + 1);
  for (let id = 0; id < dfs.length; id++) offsets[id + 1] = (offsets[id] as number) + (dfs[id] as number);
  const fill = offsets.slice(0, dfs.length);
  const postingDocs = new Int32Array(offsets[dfs.length] as number);
  const postingWeights = new Float64Array(offsets[dfs.length] as number);
  counts.forEach((docCounts, doc) => {
    let norm = 0;
    for (const [gram, count] of docCounts) norm += (logTf(count) * (idf[ids.get(gram) as number] as number)) ** 2;
    const inv = 1 / (Math.sqrt(norm) || 1);
    for (const [gram, count] of docCounts) {
      const id = ids.get(gram) as number;
      const slot = fill[id] as number;
      fill[id] = slot + 1;
      postingDocs[slot] = doc;
      postingWeights[slot] = logTf(count) * (idf[id] as number) * inv;
    }
  });

  return {
    size: n,
    similarities(query) {
      const scores = new Float64Array(n);
      const queryCounts = countNgrams(query, MIN_N, MAX_N);
      let norm = 0;
      for (const [gram, count] of queryCounts) {
        const id = ids.get(gram);
        norm += (logTf(count) * (id === undefined ? unseenIdf : (idf[id] as number))) ** 2;
      }
      if (norm === 0) return scores;
      const inv = 1 / Math.sqrt(norm);
      for (const [gram, count] of queryCounts) {
        const id = ids.get(gram);
        if (id === undefined) continue;
        const qw = logTf(count) * (idf[id] as number) * inv;
        const end = offsets[id + 1] as number;
        for (let i = offsets[id] as number; i < end; i++) {
          const doc = postingDocs[i] as number;
          scores[doc] = (scores[doc] as number) + qw * (postingWeights[i] as number);
        }
      }
      return scores;
    },
  };
}
