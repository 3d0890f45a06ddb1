import { EMOTIONS } from '@zhishou/flow-schema';
import { exportClassifierOnnx, exportTaggerOnnx, trainSlotTagger, trainTextClassifier } from '@zhishou/nlu';
import type { ModelBundle } from './onnx-nlu-models';

/** A tiny but real model bundle for tests: trained in milliseconds on a handful of sentences. */
export function trainTinyBundle(seed = 1): ModelBundle {
  const intents = [
    ['还能便宜点吗', 'bargain'], ['最低多少钱', 'bargain'], ['100卖不卖', 'bargain'], ['便宜点呗', 'bargain'],
    ['什么时候发货', 'ask_ship_time'], ['几天能发货', 'ask_ship_time'], ['今天能发吗', 'ask_ship_time'], ['多久发货', 'ask_ship_time'],
  ].map(([text, label]) => ({ text: text!, label: label! }));
  const emotions = ['谢谢你人真好', '好的', '急急急怎么还没到', '有点失望', '垃圾骗子'].map((text, i) => ({ text, label: EMOTIONS[i]! }));
  const slots = [
    { chars: [...'100卖吗'], tags: ['B-price', 'I-price', 'I-price', 'O', 'O'] },
    { chars: [...'发到上海多久'], tags: ['O', 'O', 'B-city', 'I-city', 'O', 'O'] },
  ];
  const features = { buckets: 1 << 10 };
  return {
    intent: exportClassifierOnnx(trainTextClassifier(intents, { task: 'intent', features, dim: 8, epochs: 20, seed, calibrationShare: 0 })),
    slots: exportTaggerOnnx(trainSlotTagger(slots, { features, epochs: 10, seed })),
    emotion: exportClassifierOnnx(trainTextClassifier(emotions, { task: 'emotion', features, dim: 8, epochs: 20, seed, calibrationShare: 0, labels: EMOTIONS })),
  };
}
