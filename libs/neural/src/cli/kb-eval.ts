#!/usr/bin/env tsx
/**
 * kb:eval — trains the question matcher on one file of pairs and scores the pairs of another, beside a
 * character-Jaccard baseline (threshold tuned on the same training pairs) measured in the same run.
 * Progress goes to stderr; the last line on stdout is one JSON object. accuracy, f1, precision and
 * recall are percentages (0–100, like nlu:eval); auc is 0–1.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { jaccardBaseline } from '../matcher/baseline';
import { exportMatcherOnnx } from '../matcher/onnx';
import { DEFAULT_MATCHER_TRAIN, encodePairs, evaluate, trainMatcher } from '../matcher/train';
import type { BinaryMetrics } from '../metrics';
import { PAIR_FORMATS, type PairFormat, readPairs } from './pairs';

const { values: args } = parseArgs({
  options: {
    format: { type: 'string' },
    train: { type: 'string' },
    test: { type: 'string' },
    epochs: { type: 'string' },
    'time-budget': { type: 'string' },
    'train-limit': { type: 'string' },
    'test-limit': { type: 'string' },
    dim: { type: 'string' },
    hidden: { type: 'string' },
    'compose-kernel': { type: 'string' },
    'batch-size': { type: 'string' },
    lr: { type: 'string' },
    seed: { type: 'string' },
    'save-onnx': { type: 'string' },
  },
  allowPositionals: false,
});

function fail(message: string): never {
  console.error(`kb:eval: ${message}`);
  console.error(
    'usage: npm run kb:eval -- --format bq|lcqmc|atec --train <file> --test <file> [--epochs N] [--time-budget seconds]\n' +
      '       [--train-limit N] [--test-limit N] [--dim N] [--hidden N] [--compose-kernel K] [--batch-size N] [--lr X] [--seed N] [--save-onnx <path>]',
  );
  process.exit(2);
}

function positive(name: string, integer: boolean): number | undefined {
  const raw = args[name as keyof typeof args];
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) fail(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${String(raw)}"`);
  return v;
}

const format = args.format as PairFormat | undefined;
if (!format || !PAIR_FORMATS.includes(format)) fail(`--format must be one of ${PAIR_FORMATS.join(', ')}`);
if (!args.train || !args.test) fail('--train and --test are required');
const epochs = positive('epochs', true);
const timeBudget = positive('time-budget', false);
const trainLimit = positive('train-limit', true);
const testLimit = positive('test-limit', true);

function load(path: string, limit: number | undefined): ReturnType<typeof readPairs>['pairs'] {
  let read: ReturnType<typeof readPairs>;
  try {
    read = readPairs(format!, path);
  } catch (e) {
    fail(`cannot read ${path}: ${(e as Error).message}`);
  }
  if (read.skipped) console.error(`kb:eval: ${path}: skipped ${read.skipped} lines that are not ${format} pairs`);
  if (!read.pairs.length) fail(`${path} has no ${format} pairs`);
  return limit ? read.pairs.slice(0, limit) : read.pairs;
}

const trainPairs = load(args.train, trainLimit);
const testPairs = load(args.test, testLimit);
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const figures = (m: BinaryMetrics): Record<string, number> => ({
  accuracy: round(m.accuracy * 100, 2),
  f1: round(m.f1 * 100, 2),
  precision: round(m.precision * 100, 2),
  recall: round(m.recall * 100, 2),
  auc: round(m.auc, 4),
});

const baselineStart = performance.now();
const baseline = jaccardBaseline(trainPairs, testPairs);
const baselineSeconds = (performance.now() - baselineStart) / 1000;

const trained = trainMatcher(trainPairs, {
  epochs: epochs ?? DEFAULT_MATCHER_TRAIN.epochs,
  timeBudgetSeconds: timeBudget ?? 0,
  dim: positive('dim', true),
  hidden: positive('hidden', true),
  composeKernel: positive('compose-kernel', true),
  batchSize: positive('batch-size', true),
  learningRate: positive('lr', false),
  seed: positive('seed', true),
  clock: () => performance.now(),
  onProgress: (p) => {
    const v = p.validation ? ` validation accuracy ${(p.validation.accuracy * 100).toFixed(2)} auc ${p.validation.auc.toFixed(4)}` : '';
    console.error(`kb:eval: epoch ${p.epoch + 1} seen ${p.seen} loss ${p.meanLoss.toFixed(4)} ${p.seconds.toFixed(0)}s (${(p.seen / p.seconds).toFixed(0)} pairs/s)${v}`);
  },
});
const testEncoded = encodePairs(testPairs, trained.vocab, trained.model.shape.maxLen);
const scoreStart = performance.now();
const test = evaluate(trained.model, testEncoded);
const scoreSeconds = (performance.now() - scoreStart) / 1000;
if (args['save-onnx']) writeFileSync(args['save-onnx'], exportMatcherOnnx(trained.model, trained.vocab));

console.log(
  JSON.stringify({
    format,
    train_pairs: trainPairs.length,
    test_pairs: testPairs.length,
    ...figures(test),
    train_seconds: round(trained.trainSeconds, 1),
    epochs: trained.epochs,
    train_pairs_per_second: Math.round(trained.samplesPerSecond),
    test_pairs_per_second: Math.round(testPairs.length / Math.max(scoreSeconds, 1e-9)),
    temperature: round(trained.model.temperature, 4),
    validation: { pairs: trained.validation.count, ...figures(trained.validation) },
    baseline: { name: 'char-jaccard', threshold: round(baseline.threshold, 4), seconds: round(baselineSeconds, 2), ...figures(baseline) },
  }),
);
