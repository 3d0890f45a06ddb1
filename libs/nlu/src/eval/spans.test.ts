import { describe, expect, it } from 'vitest';
import { bioesToBio, extractChunks, spanReport } from './spans';

describe('extractChunks (conlleval semantics)', () => {
  it('reads BIO chunks', () => {
    expect(extractChunks(['B-PER', 'I-PER', 'O', 'B-LOC'])).toEqual([
      { type: 'PER', start: 0, end: 2 },
      { type: 'LOC', start: 3, end: 4 },
    ]);
  });

  it('starts a chunk at an I- tag without a B- (as conlleval does)', () => {
    expect(extractChunks(['O', 'I-PER', 'I-PER', 'O'])).toEqual([{ type: 'PER', start: 1, end: 3 }]);
  });

  it('splits on a type change inside a run of I- tags', () => {
    expect(extractChunks(['B-PER', 'I-LOC', 'I-LOC'])).toEqual([
      { type: 'PER', start: 0, end: 1 },
      { type: 'LOC', start: 1, end: 3 },
    ]);
  });

  it('reads BIOES: S is a one-token chunk, E closes, B after B opens a new chunk', () => {
    expect(extractChunks(['S-A', 'B-A', 'E-A', 'B-A', 'B-A', 'I-A', 'E-A'])).toEqual([
      { type: 'A', start: 0, end: 1 },
      { type: 'A', start: 1, end: 3 },
      { type: 'A', start: 3, end: 4 },
      { type: 'A', start: 4, end: 7 },
    ]);
  });

  it('treats E- after O as the start of a one-token chunk and I- after E- as a new chunk', () => {
    expect(extractChunks(['O', 'E-A', 'I-A'])).toEqual([
      { type: 'A', start: 1, end: 2 },
      { type: 'A', start: 2, end: 3 },
    ]);
  });

  it('BIOES to BIO keeps the chunks', () => {
    const tags = ['S-A', 'B-B', 'I-B', 'E-B', 'O', 'B-A', 'E-A'];
    expect(extractChunks(bioesToBio(tags))).toEqual(extractChunks(tags));
  });
});

describe('spanReport', () => {
  it('counts exact (start, end, type) matches only — hand-checked', () => {
    // gold chunks: PER[0,2) LOC[3,4) | ORG[0,1) → 3
    // predicted: PER[0,2) ✓, LOC[3,5) ✗ (boundary) | PER[0,1) ✗ (type) → 3 predicted, 1 correct
    const gold = [['B-PER', 'I-PER', 'O', 'B-LOC', 'O'], ['B-ORG']];
    const pred = [['B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC'], ['B-PER']];
    const r = spanReport(gold, pred);
    expect(r.goldChunks).toBe(3);
    expect(r.predictedChunks).toBe(3);
    expect(r.correctChunks).toBe(1);
    expect(r.precision).toBeCloseTo(1 / 3, 10);
    expect(r.recall).toBeCloseTo(1 / 3, 10);
    expect(r.f1).toBeCloseTo(1 / 3, 10);
    const per = Object.fromEntries(r.perType.map((t) => [t.type, t]));
    expect(per.PER).toMatchObject({ precision: 0.5, recall: 1, support: 1 });
    expect(per.ORG).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1 });
  });

  it('scores an I- without B- in the prediction as a valid chunk when boundaries match', () => {
    const r = spanReport([['O', 'B-A', 'I-A']], [['O', 'I-A', 'I-A']]);
    expect(r.f1).toBe(1);
  });

  it('is zero, not NaN, with no chunks at all', () => {
    const r = spanReport([['O', 'O']], [['O', 'O']]);
    expect(r).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('rejects sentences of different lengths', () => {
    expect(() => spanReport([['O']], [['O', 'O']])).toThrow(/sentence 0/);
  });
});
