#!/usr/bin/env tsx
/**
 * npm run bench:nlu — in-process latency of one utterance through the ONNX models (intent + slots +
 * emotion, onnxruntime-node, merged with the baseline) beside the baseline matcher alone, same run.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyText, createBaselineNlu, hintsFromSlots, mergeWithBaseline, tagText } from '@zhishou/nlu';
import { readBotCorpus } from '../libs/nlu/src/cli/corpus';
import { readBundle } from '../apps/api/src/modules/inference/model-source';
import { OnnxNluModels } from '../apps/api/src/infra/inference/onnx-nlu-models';

const root = join(fileURLToPath(import.meta.url), '../..');
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 5000);

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(name: string, texts: string[], fn: (text: string) => unknown): Promise<void> {
  for (let i = 0; i < 500; i++) await fn(texts[i % texts.length]!);
  const times = new Float64Array(ITERATIONS);
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await fn(texts[i % texts.length]!);
    times[i] = performance.now() - t0;
  }
  const total = performance.now() - started;
  times.sort();
  console.log(
    `${name.padEnd(46)} p50 ${percentile(times, 50).toFixed(3)} ms   p99 ${percentile(times, 99).toFixed(3)} ms   max ${times[times.length - 1]!.toFixed(2)} ms   ${Math.round((ITERATIONS / total) * 1000)} utt/s`,
  );
}

async function main(): Promise<void> {
  const { nlu, data } = readBotCorpus(root, 'xianyu');
  const texts = [...data.intents.test.map((d) => d.text), ...data.emotions.test.map((d) => d.text)];
  const baseline = createBaselineNlu(nlu);
  const models = await OnnxNluModels.load('xianyu@bench', await readBundle(join(root, 'models', 'xianyu')));
  console.log(`NLU latency per utterance, in process, ${ITERATIONS} calls over ${texts.length} demo utterances (node ${process.version})`);
  await measure('baseline matcher (example/TF-IDF + rules + lexicon)', texts, (t) => baseline.analyze(t));
  await measure('ONNX intent only', texts, (t) => models.intent.probs(t));
  await measure('ONNX slots only (emissions + Viterbi)', texts, (t) => models.slots.tag(t));
  await measure('ONNX intent + slots + emotion (parallel runs)', texts, (t) => models.analyze(t));
  // The same weights run by the trainer's own JS forward pass (what the eval CLI uses), for scale.
  await measure('JS forward, same weights (no onnxruntime) ×3', texts, (t) => [classifyText(models.intent.model, t), tagText(models.slots.model, t), classifyText(models.emotion.model, t)]);
  await measure('full port path: baseline + ONNX ×3 + merge', texts, async (t) => {
    const base = baseline.analyze(t);
    const out = await models.analyze(t, hintsFromSlots(t, base.slots));
    return mergeWithBaseline(base, out, { model: models.version, outOfScopeThreshold: nlu.outOfScopeThreshold });
  });
  await models.release();
}

await main();
