import { describe, expect, it } from 'vitest';
import { parsePairs } from '../cli/pairs';
import { decodeModel } from '../onnx/proto';
import { createRng } from '../rng';
import { charJaccard, jaccardBaseline } from './baseline';
import { exportMatcherOnnx, readMatcherMetadata } from './onnx';
import { encodePairs, fitTemperature, scorePairs, trainMatcher, type QuestionPair } from './train';
import { buildCharVocab, encodeQuestion, exactMatch } from './vocab';

/**
 * A synthetic matching task the character overlap cannot solve: each question names a topic by one of
 * two synonyms inside random filler; pairs match when the topics agree. The filler shares characters
 * across topics, and synonyms share none, so the model has to learn which characters go together.
 */
const TOPICS = [['退款', '退钱'], ['发货', '寄出'], ['改价', '降价'], ['验货', '鉴定']];
const FILLER = '我想问下请问那个这个怎么样可以吗呢啊';
function synthetic(n: number, seed: number): QuestionPair[] {
  const rng = createRng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const question = (topic: number): string => {
    const fill = Array.from({ length: 2 + Math.floor(rng() * 4) }, () => pick([...FILLER])).join('');
    const cut = Math.floor(rng() * fill.length);
    return fill.slice(0, cut) + pick(TOPICS[topic]!) + fill.slice(cut);
  };
  return Array.from({ length: n }, () => {
    const t = Math.floor(rng() * TOPICS.length);
    const same = rng() < 0.5;
    const u = same ? t : (t + 1 + Math.floor(rng() * (TOPICS.length - 1))) % TOPICS.length;
    return { a: question(t), b: question(u), label: same ? 1 : 0 };
  });
}

describe('question matcher', () => {
  const options = { dim: 16, hidden: 16, epochs: 6, batchSize: 16, learningRate: 5e-3, minCharCount: 1, validationShare: 0.1, clock: () => 0 };
  const trained = trainMatcher(synthetic(700, 1), options);
  const test = synthetic(300, 2);

  it('learns pairs that character overlap cannot separate, and beats the Jaccard baseline on them', () => {
    const encoded = encodePairs(test, trained.vocab, trained.model.shape.maxLen);
    const probs = scorePairs(trained.model, encoded);
    const correct = test.filter((p, i) => (probs[i]! >= 0.5 ? 1 : 0) === p.label).length / test.length;
    const baseline = jaccardBaseline(synthetic(700, 1), test);
    expect(correct).toBeGreaterThan(0.9);
    expect(correct).toBeGreaterThan(baseline.accuracy + 0.1);
    expect(trained.validation.count).toBe(70);
    expect(trained.model.temperature).toBeGreaterThan(0);
  });

  it('is deterministic for a seed', () => {
    const again = trainMatcher(synthetic(120, 5), { ...options, epochs: 1 });
    const twice = trainMatcher(synthetic(120, 5), { ...options, epochs: 1 });
    expect(Array.from(again.model.chars.table.value)).toEqual(Array.from(twice.model.chars.table.value));
  });

  it('stops at the time budget', () => {
    let now = 0;
    const stopped = trainMatcher(synthetic(400, 3), { ...options, epochs: 50, timeBudgetSeconds: 1, clock: () => (now += 100) });
    expect(stopped.epochs).toBe(1);
  });

  it('exports an ONNX graph whose metadata rebuilds the inputs; refuses other kinds', () => {
    const bytes = exportMatcherOnnx(trained.model, trained.vocab);
    const meta = readMatcherMetadata(bytes);
    expect(meta.vocab.chars).toEqual(trained.vocab.chars);
    expect(meta.temperature).toBeCloseTo(trained.model.temperature, 6);
    expect(meta.shape.maxLen).toBe(trained.model.shape.maxLen);
    const floats = decodeModel(bytes).floats;
    expect(Array.from(floats.get('chars')!.data)).toEqual(Array.from(trained.model.chars.table.value));
    expect(floats.get('encoder.w.oik')!.dims).toEqual([16, 16, 3]);
    expect(() => readMatcherMetadata(new Uint8Array([0xff, 0xff]))).toThrow(/not an ONNX model/);
  });
});

describe('matcher inputs and the baseline', () => {
  it('normalises, maps unknown characters to 0, truncates, never returns an empty question', () => {
    const vocab = buildCharVocab(['花呗还款', '花呗'], 2);
    expect(vocab.chars).toEqual(['<unk>', '呗', '花']);
    expect(Array.from(encodeQuestion('花呗 还', vocab, 10))).toEqual([2, 1, 0]);
    expect(Array.from(encodeQuestion('花呗花呗', vocab, 3))).toEqual([2, 1, 2]);
    expect(Array.from(encodeQuestion('  ', vocab, 3))).toEqual([0]);
    expect(Array.from(encodeQuestion('ＡＢ', buildCharVocab(['ab', 'ab'], 1), 5))).toEqual([1, 2]);
    expect(Array.from(exactMatch(Int32Array.of(1, 2, 3), Int32Array.of(3, 1), new Int32Array(3)))).toEqual([1, 0, 1]);
  });

  it('character Jaccard', () => {
    expect(charJaccard('怎么还款', '如何还款')).toBeCloseTo(2 / 6, 6);
    expect(charJaccard('', '')).toBe(1);
  });

  it('fits a temperature that lowers the log loss of over-confident logits', () => {
    const logits = Float32Array.of(8, -8, 8, -8, 8, -8, 8, -8);
    const labels = Uint8Array.of(1, 0, 1, 0, 0, 1, 1, 0);
    expect(fitTemperature(logits, labels)).toBeGreaterThan(4);
  });

  it('parses the bq, lcqmc and atec formats and counts lines it cannot read', () => {
    expect(parsePairs('bq', '为什么借不了_!_借款失败_!_1\nbroken line\n').pairs).toEqual([{ a: '为什么借不了', b: '借款失败', label: 1 }]);
    expect(parsePairs('bq', 'a_!_b_!_1\nbroken line\n').skipped).toBe(1);
    expect(parsePairs('lcqmc', '开初婚证明\t初婚证明怎么开\t0\r\n').pairs).toEqual([{ a: '开初婚证明', b: '初婚证明怎么开', label: 0 }]);
    const atec = parsePairs('atec', '\uFEFF1\t\uFEFF怎么更改花呗手机号码\t我的花呗\t1\n2\tx\ty\t2\n');
    expect(atec.pairs).toEqual([{ a: '怎么更改花呗手机号码', b: '我的花呗', label: 1 }]);
    expect(atec.skipped).toBe(1);
  });
});
