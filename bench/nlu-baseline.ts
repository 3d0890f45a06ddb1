#!/usr/bin/env tsx
/**
 * npx tsx bench/nlu-baseline.ts — latency of the model-free NLU (`createBaselineNlu(...).analyze`) on the
 * demo bot, per stage, beside a same-run floor (text folding alone), plus its held-out accuracy.
 * Not a test: numbers depend on the machine; compare rows within one run.
 */
import { readFileSync } from 'node:fs';
import { nluDataSchema } from '@zhishou/flow-schema';
import { createBaselineNlu, createEmotionDetector, createEntityExtractor, foldText, matchKey } from '@zhishou/nlu';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const tsv = (path: string) =>
  read(path)
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t') as [string, string]);

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function measure(name: string, texts: readonly string[], fn: (text: string) => unknown): void {
  for (let i = 0; i < 2_000; i++) fn(texts[i % texts.length] as string);
  const times = new Float64Array(ITERATIONS);
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    fn(texts[i % texts.length] as string);
    times[i] = performance.now() - t0;
  }
  const total = performance.now() - started;
  times.sort();
  const us = (ms: number) => `${(ms * 1000).toFixed(1).padStart(7)} µs`;
  console.log(`${name.padEnd(40)} p50 ${us(percentile(times, 50))}  p99 ${us(percentile(times, 99))}  ${Math.round((ITERATIONS / total) * 1000).toLocaleString('en')} utt/s`);
}

const data = nluDataSchema.parse(JSON.parse(read('flows/xianyu/nlu.json')));
const intentTest = tsv('models/xianyu/corpus/intent_test.tsv');
const emotionTest = tsv('models/xianyu/corpus/emotion_test.tsv');
const examples = data.intents.flatMap((i) => i.examples);
const unseen = [...intentTest.map(([t]) => t), ...emotionTest.map(([t]) => t)];

const buildStart = performance.now();
const nlu = createBaselineNlu(data);
const buildMs = performance.now() - buildStart;
const entities = createEntityExtractor(data.slotTypes);
const emotion = createEmotionDetector();

console.log(`node ${process.version}, ${ITERATIONS.toLocaleString('en')} iterations per row; ${examples.length} examples, ${data.intents.length} intents; index built in ${buildMs.toFixed(1)} ms`);
measure('floor: foldText + matchKey', unseen, (t) => matchKey(foldText(t)));
measure('entities only', unseen, (t) => entities.extract(t));
measure('emotion only', unseen, (t) => emotion.detect(t));
measure('analyze, unseen text (fuzzy path)', unseen, (t) => nlu.analyze(t));
measure('analyze, ops examples (exact path)', examples, (t) => nlu.analyze(t));

const intentCorrect = intentTest.filter(([t, gold]) => nlu.analyze(t).intent.intent === gold).length;
const emotionCorrect = emotionTest.filter(([t, gold]) => emotion.detect(t).label === gold).length;
console.log(`held-out intent accuracy ${((intentCorrect / intentTest.length) * 100).toFixed(1)}% (${intentCorrect}/${intentTest.length}), emotion accuracy ${((emotionCorrect / emotionTest.length) * 100).toFixed(1)}% (${emotionCorrect}/${emotionTest.length})`);
