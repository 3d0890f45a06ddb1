import { describe, expect, it } from 'vitest';
import { classifierFeatureIds } from '../features';
import { classifierForward } from '../models/classifier';
import { crfDecode } from '../models/crf';
import { trainSlotTagger } from '../models/slot-tagger';
import { trainTextClassifier } from '../models/text-classifier';
import { exportClassifierOnnx, exportTaggerOnnx, importClassifierOnnx, importTaggerOnnx } from './export';
import { decodeModel, OPSET } from './proto';

describe('ONNX export/import (pure round trip; onnxruntime parity lives in apps/api)', () => {
  const data = [
    { text: '便宜点', label: 'bargain' },
    { text: '发货了吗', label: 'ship' },
  ];

  it('round-trips a classifier exactly, with labels, features and temperature in metadata', () => {
    const model = trainTextClassifier(data, { task: 'intent', features: { buckets: 256 }, dim: 4, hidden: 3, epochs: 2, calibrationShare: 0 });
    model.weights.temperature = 0.8;
    const bytes = exportClassifierOnnx(model);
    const back = importClassifierOnnx(bytes);
    expect(back.labels).toEqual(model.labels);
    expect(back.features).toEqual(model.features);
    expect(back.weights.temperature).toBeCloseTo(0.8, 6);
    const ids = classifierFeatureIds('便宜发货', model.features);
    expect(Array.from(classifierForward(back.weights, ids).probs)).toEqual(Array.from(classifierForward(model.weights, ids).probs));
    expect(decodeModel(bytes).metadata['zhishou.kind']).toBe('classifier');
    expect(OPSET).toBe(13);
  });

  it('round-trips a tagger and refuses to read it as a classifier', () => {
    const tagger = trainSlotTagger([{ chars: [...'100元'], tags: ['B-price', 'I-price', 'I-price', 'I-price'] }], { features: { buckets: 128 }, epochs: 3 });
    const bytes = exportTaggerOnnx(tagger);
    const back = importTaggerOnnx(bytes);
    const ids = new Int32Array(4 * tagger.features.width).fill(1);
    expect(Array.from(crfDecode(back.weights, ids))).toEqual(Array.from(crfDecode(tagger.weights, ids)));
    expect(() => importClassifierOnnx(bytes)).toThrow(/expected a classifier model, got tagger/);
    expect(() => importTaggerOnnx(new Uint8Array([0xff, 0xff, 0xff]))).toThrow(/not an ONNX model/);
  });
});
