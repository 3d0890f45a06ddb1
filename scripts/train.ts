#!/usr/bin/env tsx
/**
 * npm run train [-- --bot xianyu]: trains the demo bot's intent, slot and emotion models from
 * flows/<bot>/nlu.json + models/<bot>/corpus/, evaluates them on the held-out files and writes
 * models/<bot>/{intent,slots,emotion}/{model.onnx,labels.json} and models/<bot>/metrics.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { classifyText, createEmotionDetector, metricsReport, trainBundle } from '@zhishou/nlu';
import { readBotCorpus } from '../libs/nlu/src/cli/corpus';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { bot: { type: 'string', default: 'xianyu' }, seed: { type: 'string', default: '42' } } });
const bot = values.bot!;

const started = performance.now();
const { data } = readBotCorpus(root, bot);
const lexicon = createEmotionDetector();
console.log(
  `${bot}: intents ${data.intents.train.length} train / ${data.intents.test.length} test · slots ${data.slots.train.length} / ${data.slots.test.length} · emotion ${data.emotions.train.length} / ${data.emotions.test.length}`,
);
let lastStage = '';
const bundle = trainBundle(data, {
  seed: Number(values.seed),
  onProgress: (stage, done, total) => {
    if (stage !== lastStage || done === total) process.stdout.write(`  ${stage} ${done}/${total}\n`);
    lastStage = stage;
  },
});
const seconds = (performance.now() - started) / 1000;
const m = bundle.metrics;
const out = join(root, 'models', bot);
const parts = {
  intent: { onnx: bundle.onnx.intent, labels: { task: 'intent', labels: bundle.intent.labels, features: bundle.intent.features, temperature: bundle.intent.weights.temperature } },
  slots: {
    onnx: bundle.onnx.slots,
    labels: {
      task: 'slots',
      labels: bundle.slots.labels,
      features: bundle.slots.features,
      decoding: 'viterbi over the emissions output with the transitions/start outputs (also stored here)',
      transitions: Array.from(bundle.slots.weights.transitions),
      start: Array.from(bundle.slots.weights.start),
    },
  },
  emotion: { onnx: bundle.onnx.emotion, labels: { task: 'emotion', labels: bundle.emotion.labels, features: bundle.emotion.features, temperature: bundle.emotion.weights.temperature } },
};
for (const [name, part] of Object.entries(parts)) {
  const dir = join(out, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.onnx'), part.onnx);
  writeFileSync(join(dir, 'labels.json'), `${JSON.stringify(part.labels, null, 1)}\n`);
}
const report = metricsReport(m, seconds);
// What the api serves: lexicon cues win, the model decides when the lexicon finds none (mergeWithBaseline).
const served = data.emotions.test.filter((d) => {
  const cue = lexicon.detect(d.text);
  return (cue.label !== 'neutral' ? cue.label : classifyText(bundle.emotion, d.text).label) === d.label;
}).length;
const servedAccuracy = Math.round((served / Math.max(1, data.emotions.test.length)) * 10_000) / 100;
const metrics = {
  bot,
  seed: Number(values.seed),
  ...report,
  intent: { ...report.intent, temperature: Math.round(bundle.intent.weights.temperature * 1000) / 1000, seconds: Math.round(m.intent.seconds * 100) / 100 },
  slots: { ...report.slots, seconds: Math.round(m.slots.seconds * 100) / 100 },
  emotion: { ...report.emotion, served_accuracy: servedAccuracy, temperature: Math.round(bundle.emotion.weights.temperature * 1000) / 1000, seconds: Math.round(m.emotion.seconds * 100) / 100 },
  sizes: Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, p.onnx.byteLength])),
};
writeFileSync(join(out, 'metrics.json'), `${JSON.stringify(metrics, null, 1)}\n`);
console.log(
  `intent acc ${metrics.intent.accuracy} macro-F1 ${metrics.intent.macro_f1} · slot F1 ${metrics.slots.f1} · emotion acc ${metrics.emotion.accuracy} (served with lexicon cues ${servedAccuracy}) macro-F1 ${metrics.emotion.macro_f1} · ${metrics.train_seconds} s`,
);
console.log(`wrote ${out}/{intent,slots,emotion}/model.onnx (${Object.values(metrics.sizes).map((b) => `${(b / 1e6).toFixed(1)} MB`).join(', ')})`);
