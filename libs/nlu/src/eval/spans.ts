import { f1Of } from './classification';

/** A labelled chunk [start, end) over token positions. */
export interface Chunk {
  type: string;
  start: number;
  end: number;
}

function split(tag: string): { prefix: string; type: string } {
  if (tag === 'O' || tag === '') return { prefix: 'O', type: '' };
  const m = /^([BIESLU])[-_](.+)$/.exec(tag);
  if (!m) return { prefix: 'I', type: tag }; // a bare type name acts like an inside tag, as in conlleval
  const p = m[1]!;
  // BILOU aliases: L = last (E), U = unit (S).
  return { prefix: p === 'L' ? 'E' : p === 'U' ? 'S' : p, type: m[2]! };
}

/** conlleval's endOfChunk: does a chunk end between prev and cur? */
function endsChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (prevTag === 'E' || prevTag === 'S') return true;
  if (prevTag === 'B' && (tag === 'B' || tag === 'S' || tag === 'O')) return true;
  if (prevTag === 'I' && (tag === 'B' || tag === 'S' || tag === 'O')) return true;
  return prevTag !== 'O' && prevType !== type;
}

/** conlleval's startOfChunk: I- or E- after O (or after another type) starts a chunk. */
function startsChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (tag === 'B' || tag === 'S') return true;
  if ((prevTag === 'E' || prevTag === 'S' || prevTag === 'O') && (tag === 'E' || tag === 'I')) return true;
  return tag !== 'O' && prevType !== type;
}

/** Chunks of a BIO / BIOES (/ BILOU) tag sequence with conlleval (= seqeval default) semantics. */
export function extractChunks(tags: readonly string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let prevTag = 'O';
  let prevType = '';
  let open: Chunk | null = null;
  for (let i = 0; i <= tags.length; i++) {
    const { prefix, type } = i < tags.length ? split(tags[i]!) : { prefix: 'O', type: '' };
    if (open && endsChunk(prevTag, prefix, prevType, type)) {
      open.end = i;
      chunks.push(open);
      open = null;
    }
    if (i < tags.length && startsChunk(prevTag, prefix, prevType, type)) open = { type, start: i, end: i + 1 };
    prevTag = prefix;
    prevType = type;
  }
  return chunks;
}

export interface SpanReport {
  /** 0–1 micro-averaged over chunks. */
  precision: number;
  recall: number;
  f1: number;
  perType: { type: string; precision: number; recall: number; f1: number; support: number }[];
  goldChunks: number;
  predictedChunks: number;
  correctChunks: number;
}

/** Span-level P/R/F1: a predicted chunk counts only if start, end and type all match a gold chunk. */
export function spanReport(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): SpanReport {
  if (gold.length !== predicted.length) throw new Error(`gold has ${gold.length} sentences but predictions ${predicted.length}`);
  const counts = new Map<string, { gold: number; pred: number; correct: number }>();
  const bump = (type: string, key: 'gold' | 'pred' | 'correct'): void => {
    const c = counts.get(type) ?? { gold: 0, pred: 0, correct: 0 };
    c[key]++;
    counts.set(type, c);
  };
  for (let s = 0; s < gold.length; s++) {
    if (gold[s]!.length !== predicted[s]!.length) throw new Error(`sentence ${s}: ${gold[s]!.length} gold tags but ${predicted[s]!.length} predicted`);
    const g = extractChunks(gold[s]!);
    const p = extractChunks(predicted[s]!);
    const goldKeys = new Set(g.map((c) => `${c.start}:${c.end}:${c.type}`));
    for (const c of g) bump(c.type, 'gold');
    for (const c of p) {
      bump(c.type, 'pred');
      if (goldKeys.has(`${c.start}:${c.end}:${c.type}`)) bump(c.type, 'correct');
    }
  }
  let goldChunks = 0;
  let predictedChunks = 0;
  let correctChunks = 0;
  const perType = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, c]) => {
      goldChunks += c.gold;
      predictedChunks += c.pred;
      correctChunks += c.correct;
      const precision = c.pred ? c.correct / c.pred : 0;
      const recall = c.gold ? c.correct / c.gold : 0;
      return { type, precision, recall, f1: f1Of(precision, recall), support: c.gold };
    });
  const precision = predictedChunks ? correctChunks / predictedChunks : 0;
  const recall = goldChunks ? correctChunks / goldChunks : 0;
  return { precision, recall, f1: f1Of(precision, recall), perType, goldChunks, predictedChunks, correctChunks };
}

/** BIOES → BIO (S→B, E→I): the same chunks under conlleval semantics, fewer labels to learn. */
export function bioesToBio(tags: readonly string[]): string[] {
  return tags.map((t) => (t.startsWith('S-') ? `B-${t.slice(2)}` : t.startsWith('E-') ? `I-${t.slice(2)}` : t));
}
