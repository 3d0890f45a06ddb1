import type { NluResult } from '@zhishou/flow-schema';
import { describe, expect, it } from 'vitest';
import { hintsFromSlots, mergeWithBaseline, type ModelOutputs } from './merge';

const baseline = (over: Partial<NluResult> = {}): NluResult => ({
  text: '100块包邮卖吗，发上海',
  intent: { intent: 'ask_shipping_fee', confidence: 0.6, source: 'similarity' },
  intents: [{ intent: 'ask_shipping_fee', confidence: 0.6, source: 'similarity' }],
  slots: [{ type: 'price', value: 100, text: '100块', start: 0, end: 4, source: 'rule' }],
  emotion: { label: 'neutral', score: 0.5 },
  model: 'baseline',
  ...over,
});

const outputs: ModelOutputs = {
  intents: [
    { label: 'bargain', confidence: 0.82 },
    { label: 'ask_shipping_fee', confidence: 0.1 },
    { label: 'out_of_scope', confidence: 0.08 },
  ],
  slots: [
    { type: 'price', text: '100', start: 0, end: 3 },
    { type: 'city', text: '上海', start: 10, end: 12 },
  ],
  emotion: { label: 'anxious', confidence: 0.71 },
};

describe('mergeWithBaseline', () => {
  it('takes the model intent, keeps overlapping rule slots, adds the rest, uses the model emotion', () => {
    const r = mergeWithBaseline(baseline(), outputs, { model: 'xianyu@3', outOfScopeThreshold: 0.45 });
    expect(r.intent).toEqual({ intent: 'bargain', confidence: 0.82, source: 'model' });
    expect(r.slots.map((s) => [s.type, s.value, s.source])).toEqual([
      ['price', 100, 'rule'],
      ['city', '上海', 'model'],
    ]);
    expect(r.emotion).toEqual({ label: 'anxious', score: 0.71 });
    expect(r.model).toBe('xianyu@3');
  });

  it('lets an exact ops example override the model', () => {
    const exact = { intent: 'ask_shipping_fee', confidence: 1, source: 'example' as const };
    const r = mergeWithBaseline(baseline({ intent: exact }), outputs, { model: 'm', outOfScopeThreshold: 0.45 });
    expect(r.intent).toEqual(exact);
    expect(r.intents.map((i) => i.intent)).toEqual(['ask_shipping_fee', 'bargain', 'out_of_scope']);
  });

  it("keeps the lexicon's emotion when it found a cue, the model's otherwise", () => {
    const angry = { label: 'angry' as const, score: 0.95 };
    expect(mergeWithBaseline(baseline({ emotion: angry }), outputs, { model: 'm', outOfScopeThreshold: 0.45 }).emotion).toEqual(angry);
    expect(mergeWithBaseline(baseline(), outputs, { model: 'm', outOfScopeThreshold: 0.45 }).emotion).toEqual({ label: 'anxious', score: 0.71 });
  });

  it('reports out_of_scope below the threshold', () => {
    const r = mergeWithBaseline(baseline(), outputs, { model: 'm', outOfScopeThreshold: 0.9 });
    expect(r.intent.intent).toBe('out_of_scope');
    expect(r.intent.source).toBe('threshold');
  });
});

describe('hintsFromSlots', () => {
  it('maps UTF-16 spans onto code points (emoji take two units)', () => {
    expect(hintsFromSlots('😊100元', [{ type: 'price', start: 2, end: 6 }])).toEqual([undefined, 'price', 'price', 'price', 'price']);
  });
});
