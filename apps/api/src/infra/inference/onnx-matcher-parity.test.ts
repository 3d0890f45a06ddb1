import { encodeQuestion, exportMatcherOnnx, sigmoid, trainMatcher, type QuestionPair } from '@zhishou/neural';
import { exportTaggerOnnx, trainSlotTagger } from '@zhishou/nlu';
import { describe, expect, it } from 'vitest';
import { OnnxMatcher } from './onnx-matcher';

const pairs: QuestionPair[] = [
  ['怎么申请退款', '退款怎么弄', 1], ['什么时候发货', '几天能寄出', 1], ['能便宜点吗', '可以降价吗', 1], ['验货宝是什么', '验货宝怎么用', 1],
  ['怎么申请退款', '什么时候发货', 0], ['能便宜点吗', '验货宝是什么', 0], ['几天能寄出', '退款怎么弄', 0], ['可以降价吗', '验货宝怎么用', 0],
  ['包邮吗', '运费谁出', 1], ['包邮吗', '退款怎么弄', 0], ['运费谁出', '能便宜点吗', 0], ['退钱', '怎么申请退款', 1],
].map(([a, b, label]) => ({ a: a as string, b: b as string, label: label as 0 | 1 }));

const probes: [string, string][] = [
  ['怎么退款', '退款怎么申请'],
  ['发货', '寄出来没有'],
  ['ＡＢＣ全角问题', 'abc全角问题？'],
  ['x', '一个很长很长的问题，比训练里的任何一句都长，长到超过最大长度四十个字符的限制以后还要继续写下去才行，对吧'],
  ['🙂', '从没见过的字：龘靐齉'],
];

describe('ONNX export parity of the question matcher (onnxruntime-node vs the trainer forward pass)', () => {
  for (const composeKernel of [1, 3]) {
    it(`compose kernel ${composeKernel}: logit and calibrated probability agree within 1e-4`, async () => {
      const trained = trainMatcher(pairs, { dim: 12, hidden: 8, composeKernel, epochs: 3, batchSize: 4, minCharCount: 1, validationShare: 0, maxLen: 40, clock: () => 0 });
      trained.model.temperature = 1.6; // exercise the Div node with a non-trivial temperature
      const onnx = await OnnxMatcher.load(exportMatcherOnnx(trained.model, trained.vocab));
      const seen = new Set<string>();
      for (const [a, b] of [...probes, ...pairs.map((p) => [p.a, p.b] as [string, string])]) {
        const ea = encodeQuestion(a, trained.vocab, 40);
        const eb = encodeQuestion(b, trained.vocab, 40);
        const logit = trained.model.forward(ea, eb);
        const got = await onnx.score(a, b);
        seen.add(logit.toFixed(3));
        expect(Math.abs(got.logit - logit)).toBeLessThanOrEqual(1e-4);
        expect(Math.abs(got.prob - sigmoid(logit / 1.6))).toBeLessThanOrEqual(1e-4);
        expect(Math.abs(got.prob - trained.model.probability(ea, eb))).toBeLessThanOrEqual(1e-4);
      }
      expect(seen.size).toBeGreaterThan(10); // the pairs really differ, so agreement is not trivial
      await onnx.release();
    });
  }

  it('refuses bytes that are not a model, and a model of another kind', async () => {
    await expect(OnnxMatcher.load(new Uint8Array([1, 2, 3]))).rejects.toThrow(/not an ONNX model/);
    const tagger = trainSlotTagger([{ chars: ['a'], tags: ['O'] }], { features: { buckets: 16 }, epochs: 1 });
    await expect(OnnxMatcher.load(exportTaggerOnnx(tagger))).rejects.toThrow(/expected a matcher model, got tagger/);
  });
});
