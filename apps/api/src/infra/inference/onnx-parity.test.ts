import {
  classifierForward,
  classifierFeatureIds,
  crfEmissions,
  exportClassifierOnnx,
  exportTaggerOnnx,
  taggerFeatureIds,
  trainSlotTagger,
  trainTextClassifier,
} from '@zhishou/nlu';
import { describe, expect, it } from 'vitest';
import { OnnxClassifier, OnnxTagger } from './onnx-nlu-models';

const texts = [
  ['还能便宜点吗', 'bargain'], ['最低多少钱', 'bargain'], ['100卖不卖', 'bargain'], ['便宜点呗老板😊', 'bargain'],
  ['什么时候发货', 'shipping'], ['几天能发货啊', 'shipping'], ['发什么快递', 'shipping'], ['今天能发吗 SF', 'shipping'],
  ['我要退货', 'refund'], ['怎么退款', 'refund'], ['不想要了能退吗', 'refund'], ['申请退款！！', 'refund'],
] as const;
const probes = ['能便宜点吗', '啥时候发货呀', '退款', 'ＡＢＣ全角', '🙂', 'x'];

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(1e-5);
}

describe('ONNX export parity (onnxruntime-node vs the trainer forward pass)', () => {
  for (const hidden of [0, 12]) {
    it(`classifier with hidden=${hidden}: logits and calibrated probabilities agree within 1e-5`, async () => {
      const model = trainTextClassifier(
        texts.map(([text, label]) => ({ text, label })),
        { task: 'intent', features: { buckets: 1 << 11 }, dim: 16, hidden, epochs: 8, calibrationShare: 0 },
      );
      model.weights.temperature = 1.7; // exercise the Div node with a non-trivial temperature
      const onnx = await OnnxClassifier.load(exportClassifierOnnx(model), 'intent');
      for (const text of probes) {
        const reference = classifierForward(model.weights, classifierFeatureIds(text, model.features));
        expectClose(await onnx.logits(text), reference.logits);
        expectClose(await onnx.probs(text), reference.probs);
      }
      await onnx.release();
    });
  }

  it('tagger: emissions agree within 1e-5 and decoded spans match', async () => {
    const data = [
      { chars: [...'100卖吗'], tags: ['B-price', 'I-price', 'I-price', 'O', 'O'] },
      { chars: [...'发到上海多久'], tags: ['O', 'O', 'B-city', 'I-city', 'O', 'O'] },
      { chars: [...'最低80块'], tags: ['O', 'O', 'B-price', 'I-price', 'O'] },
    ];
    const model = trainSlotTagger(data, { features: { buckets: 1 << 10 }, epochs: 10 });
    const onnx = await OnnxTagger.load(exportTaggerOnnx(model));
    for (const text of ['120卖吗', '发到北京多久', '最低99块包邮', 'a']) {
      const reference = crfEmissions(model.weights, taggerFeatureIds(text, model.features).ids);
      expectClose(await onnx.emissions(text), reference);
    }
    expect(await onnx.tag('120卖吗')).toEqual([{ type: 'price', text: '120', start: 0, end: 3 }]);
    await onnx.release();
  });

  it('refuses bytes that are not a model, and a model of the wrong kind', async () => {
    await expect(OnnxClassifier.load(new Uint8Array([1, 2, 3, 4, 5]), 'intent')).rejects.toThrow();
    const tagger = trainSlotTagger([{ chars: ['a'], tags: ['O'] }], { features: { buckets: 16 }, epochs: 1 });
    await expect(OnnxClassifier.load(exportTaggerOnnx(tagger), 'intent')).rejects.toThrow(/expected a classifier model/);
  });
});
