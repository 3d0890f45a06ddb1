import { describe, expect, it } from 'vitest';
import { classifierFeatureIds, DEFAULT_CLASSIFIER_FEATURES } from '../features';
import { classifierForward, fitTemperature, trainClassifier } from './classifier';
import { crfMarginals, crfNll, type CrfWeights, viterbi } from './crf';
import { createRng } from './rng';
import { tagText, trainSlotTagger } from './slot-tagger';
import { classifyText, trainTextClassifier } from './text-classifier';

const fixture = [
  ['还能便宜点吗', 'bargain'], ['最低多少钱', 'bargain'], ['能少点不', 'bargain'], ['100卖不卖', 'bargain'], ['便宜点呗老板', 'bargain'],
  ['刀一下可以吗', 'bargain'], ['价格能再低点吗', 'bargain'], ['给个最低价', 'bargain'],
  ['什么时候发货', 'shipping'], ['几天能发货啊', 'shipping'], ['发什么快递', 'shipping'], ['今天能发吗', 'shipping'], ['快递到了没', 'shipping'],
  ['多久发货', 'shipping'], ['发货了吗亲', 'shipping'], ['包邮吗发顺丰吗', 'shipping'],
  ['我要退货', 'refund'], ['怎么退款', 'refund'], ['不想要了能退吗', 'refund'], ['申请退款', 'refund'], ['质量太差要退货', 'refund'],
  ['钱什么时候退回来', 'refund'], ['退货地址发我', 'refund'], ['七天无理由退吗', 'refund'],
] as const;

describe('text classifier', () => {
  const data = fixture.map(([text, label]) => ({ text, label }));

  it('learns a small fixture and classifies unseen paraphrases', () => {
    const model = trainTextClassifier(data, { task: 'intent', features: { buckets: 1 << 12 }, dim: 16, epochs: 30, calibrationShare: 0 });
    expect(data.filter((d) => classifyText(model, d.text).label === d.label).length / data.length).toBeGreaterThanOrEqual(0.95);
    expect(classifyText(model, '能便宜点吗').label).toBe('bargain');
    expect(classifyText(model, '啥时候发货').label).toBe('shipping');
    expect(classifyText(model, '我想退款').label).toBe('refund');
  });

  it('is deterministic for a seed', () => {
    const a = trainTextClassifier(data, { task: 'intent', features: { buckets: 1 << 10 }, dim: 8, epochs: 3, calibrationShare: 0 });
    const b = trainTextClassifier(data, { task: 'intent', features: { buckets: 1 << 10 }, dim: 8, epochs: 3, calibrationShare: 0 });
    expect(Array.from(a.weights.w2)).toEqual(Array.from(b.weights.w2));
  });

  it('trains a hidden layer whose gradient lowers the loss', () => {
    const features = { ...DEFAULT_CLASSIFIER_FEATURES, buckets: 1 << 10 };
    const samples = data.map((d, i) => ({ ids: classifierFeatureIds(d.text, features), label: Math.floor(i / 8) }));
    const losses: number[] = [];
    trainClassifier(samples, 3, { buckets: 1 << 10, dim: 8, hidden: 8, epochs: 10, learningRate: 0.1, seed: 1, onEpoch: (_, l) => losses.push(l) });
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]! * 0.5);
  });

  it('fits a temperature that makes overconfident logits softer', () => {
    const rng = createRng(3);
    const logits: Float32Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 200; i++) {
      const label = i % 2;
      // 70% right, always with a logit gap of 10: far too confident.
      const right = rng() < 0.7;
      const top = right ? label : 1 - label;
      const l = new Float32Array(2);
      l[top] = 10;
      logits.push(l);
      labels.push(label);
    }
    const t = fitTemperature(logits, labels);
    expect(t).toBeGreaterThan(5);
    const m = trainClassifier([{ ids: Int32Array.of(1), label: 0 }], 2, { buckets: 4, dim: 2, hidden: 0, epochs: 1, learningRate: 0.1, seed: 1 });
    m.temperature = t;
    expect(classifierForward(m, Int32Array.of(1)).probs[0]!).toBeLessThan(0.99);
  });
});

describe('CRF', () => {
  function randomCrf(seed: number): CrfWeights {
    const rng = createRng(seed);
    const r = (n: number) => Float32Array.from({ length: n }, () => rng() * 2 - 1);
    return { buckets: 6, labels: 3, width: 2, emission: r(18).fill(0, 0, 3), transitions: r(9), start: r(3) };
  }

  it('forward-backward marginals match brute-force enumeration', () => {
    const m = randomCrf(5);
    const ids = Int32Array.of(1, 2, 3, 0, 4, 5);
    const emissions = new Float32Array(9);
    for (let t = 0; t < 3; t++) for (let k = 0; k < 2; k++) for (let j = 0; j < 3; j++) emissions[t * 3 + j]! += m.emission[ids[t * 2 + k]! * 3 + j]!;
    const scores: { path: number[]; s: number }[] = [];
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++)
        for (let c = 0; c < 3; c++) {
          const p = [a, b, c];
          let s = m.start[a]!;
          p.forEach((y, t) => (s += emissions[t * 3 + y]! + (t ? m.transitions[p[t - 1]! * 3 + y]! : 0)));
          scores.push({ path: p, s });
        }
    const logZ = Math.log(scores.reduce((acc, x) => acc + Math.exp(x.s), 0));
    const { unary, logZ: fbLogZ } = crfMarginals(m, emissions);
    expect(fbLogZ).toBeCloseTo(logZ, 5);
    const p1 = scores.filter((x) => x.path[1] === 2).reduce((acc, x) => acc + Math.exp(x.s - logZ), 0);
    expect(unary[1 * 3 + 2]!).toBeCloseTo(p1, 5);
    const best = scores.reduce((a, b) => (b.s > a.s ? b : a));
    expect(Array.from(viterbi(emissions, 3, m.transitions, m.start))).toEqual(best.path);
    expect(crfNll(m, ids, Int32Array.of(0, 1, 2))).toBeGreaterThan(0);
  });

  it('learns to tag a price and a city from a few sentences', () => {
    const make = (prefix: string, value: string, type: string, suffix: string) => {
      const chars = [...prefix, ...value, ...suffix];
      const tags = [...[...prefix].map(() => 'O'), ...[...value].map((_, i) => `${i ? 'I' : 'B'}-${type}`), ...[...suffix].map(() => 'O')];
      return { chars, tags };
    };
    const data = [
      make('', '100', 'price', '卖吗'), make('', '250', 'price', '元可以吗'), make('最低', '80', 'price', '块'), make('', '66', 'price', '包邮吗'),
      make('发到', '上海', 'city', '多久'), make('我在', '杭州', 'city', ''), make('', '北京', 'city', '能发吗'), make('寄到', '广州', 'city', '要几天'),
    ];
    const model = trainSlotTagger(data, { features: { buckets: 1 << 12 }, epochs: 15 });
    expect(tagText(model, '120卖吗')).toEqual([{ type: 'price', text: '120', start: 0, end: 3 }]);
    expect(tagText(model, '发到北京多久')).toEqual([{ type: 'city', text: '北京', start: 2, end: 4 }]);
  });
});
