#!/usr/bin/env tsx
/**
 * nlu:eval — trains on one file and scores another (or scores a shipped model with --model).
 * The last line printed is one JSON object with the applicable metrics (0–100).
 */
import { parseArgs } from 'node:util';
import { classificationReport } from '../eval/classification';
import { bioesToBio, spanReport } from '../eval/spans';
import { classifyText, trainTextClassifier, type LabelledText, type TextClassifierModel } from '../models/text-classifier';
import { tagTokens, trainSlotTagger } from '../models/slot-tagger';
import { readCais, readEcsa, readLabelledTable, readSmp2017, type SlotIntentExample, type TextExample } from './datasets';
import { loadJieba } from './segmenter';
import { evaluateModelDir } from './model-dir';

const TASKS = ['intent', 'slots', 'intent+slots', 'sentiment', 'emotion'] as const;
const FORMATS = ['cais', 'smp2017', 'ecsa', 'csv', 'tsv'] as const;
type Task = (typeof TASKS)[number];
type Format = (typeof FORMATS)[number];

const { values: args } = parseArgs({
  options: {
    task: { type: 'string' },
    format: { type: 'string' },
    train: { type: 'string' },
    test: { type: 'string' },
    model: { type: 'string' },
    epochs: { type: 'string' },
    'crf-epochs': { type: 'string' },
    dim: { type: 'string' },
    hidden: { type: 'string' },
    lr: { type: 'string' },
    'crf-lr': { type: 'string' },
    buckets: { type: 'string' },
    'crf-buckets': { type: 'string' },
    ngrams: { type: 'string' },
    words: { type: 'boolean', default: false },
    seed: { type: 'string' },
    'label-column': { type: 'string' },
  },
  allowPositionals: false,
});

function fail(message: string): never {
  console.error(`nlu:eval: ${message}`);
  console.error(
    'usage: npm run nlu:eval -- --task intent|slots|intent+slots|sentiment|emotion --format cais|smp2017|ecsa|csv|tsv --train <path> --test <path>\n' +
      '       npm run nlu:eval -- --model <dir> --format tsv --test <file with text + intent and/or emotion columns>',
  );
  process.exit(2);
}

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const pct = (x: number): number => Math.round(x * 10_000) / 100;

function readTexts(format: Format, path: string, task: Task): TextExample[] {
  if (format === 'smp2017') return readSmp2017(path);
  if (format === 'cais' || format === 'ecsa') {
    const rows = format === 'cais' ? readCais(path) : readEcsa(path);
    return rows.filter((r) => r.intent).map((r) => ({ text: r.chars.join(''), label: r.intent! }));
  }
  const column = args['label-column'] ?? (task === 'sentiment' ? 'label' : task === 'emotion' ? 'emotion' : 'intent');
  return readLabelledTable(path, format, column);
}

function readTagged(format: Format, path: string): SlotIntentExample[] {
  if (format === 'cais') return readCais(path);
  if (format === 'ecsa') return readEcsa(path);
  return fail(`--task slots needs --format cais or ecsa, not ${format}`);
}

function classifierRun(task: Task, train: TextExample[], test: TextExample[]): { model: TextClassifierModel; gold: string[]; predicted: string[] } {
  const segment = args.words ? loadJieba() : undefined;
  const withTokens = (d: TextExample): LabelledText => ({ ...d, tokens: segment?.(d.text) });
  const ngrams = args.ngrams ? args.ngrams.split(',').map(Number) : undefined;
  const model = trainTextClassifier(train.map(withTokens), {
    task: task === 'emotion' ? 'emotion' : task === 'sentiment' ? 'sentiment' : 'intent',
    features: {
      ...(args.buckets ? { buckets: Number(args.buckets) } : {}),
      ...(ngrams ? { charNgrams: ngrams } : {}),
      words: args.words ?? false,
      wordBigrams: args.words ?? false,
    },
    dim: num(args.dim),
    hidden: num(args.hidden),
    epochs: num(args.epochs),
    learningRate: num(args.lr),
    seed: num(args.seed),
    calibrationShare: 0,
    onProgress: (stage, done, total) => console.error(`  ${task} ${stage} epoch ${done}/${total}`),
  });
  const predicted = test.map((d) => classifyText(model, d.text, segment?.(d.text)).label);
  return { model, gold: test.map((d) => d.label), predicted };
}

function main(): void {
  if (args.model) {
    if (!args.test) fail('--model needs --test');
    console.log(JSON.stringify(evaluateModelDir(args.model, args.test, (args.format as Format) ?? 'tsv')));
    return;
  }
  const task = args.task as Task;
  const format = args.format as Format;
  if (!TASKS.includes(task)) fail(`--task must be one of ${TASKS.join(', ')}`);
  if (!FORMATS.includes(format)) fail(`--format must be one of ${FORMATS.join(', ')}`);
  if (!args.train || !args.test) fail('--train and --test are required (or --model)');
  const result: Record<string, number | Record<string, number>> = {};
  const started = performance.now();
  let testSize = 0;
  let trainMs = 0;
  if (task === 'intent' || task === 'intent+slots' || task === 'sentiment' || task === 'emotion') {
    const train = readTexts(format, args.train, task);
    const test = readTexts(format, args.test, task);
    console.error(`${task}: ${train.length} train / ${test.length} test examples`);
    const t0 = performance.now();
    const { gold, predicted, model } = classifierRun(task, train, test);
    trainMs += performance.now() - t0;
    const report = classificationReport(gold, predicted, model.labels);
    testSize = test.length;
    if (task === 'sentiment') {
      result.accuracy = pct(report.accuracy);
      result.macro_f1 = pct(report.macroF1);
    } else if (task === 'emotion') {
      result.emotion_accuracy = pct(report.accuracy);
      result.emotion_macro_f1 = pct(report.macroF1);
      result.emotion_recall = Object.fromEntries(report.perClass.filter((c) => c.support > 0).map((c) => [c.label, pct(c.recall)]));
    } else {
      result.intent_accuracy = pct(report.accuracy);
      result.intent_macro_f1 = pct(report.macroF1);
    }
    for (const c of report.perClass) console.error(`  ${c.label.padEnd(24)} P ${pct(c.precision)}  R ${pct(c.recall)}  F1 ${pct(c.f1)}  n=${c.support}`);
  }
  if (task === 'slots' || task === 'intent+slots') {
    const train = readTagged(format, args.train);
    const test = readTagged(format, args.test);
    console.error(`slots: ${train.length} train / ${test.length} test sentences`);
    const t0 = performance.now();
    // BIOES is trained as BIO: the same chunks, half the labels (S→B, E→I).
    const model = trainSlotTagger(
      train.map((s) => ({ chars: s.chars, tags: bioesToBio(s.tags) })),
      {
        epochs: num(args['crf-epochs']),
        learningRate: num(args['crf-lr']),
        seed: num(args.seed),
        ...(args['crf-buckets'] ? { features: { buckets: Number(args['crf-buckets']) } } : {}),
        onProgress: (stage, done, total) => console.error(`  slots ${stage} epoch ${done}/${total} (${((performance.now() - t0) / 1000).toFixed(1)} s)`),
      },
    );
    const predicted = test.map((s) => tagTokens(model, s.chars));
    trainMs += performance.now() - t0;
    const report = spanReport(
      test.map((s) => s.tags),
      predicted,
    );
    result.slot_f1 = pct(report.f1);
    result.slot_precision = pct(report.precision);
    result.slot_recall = pct(report.recall);
    testSize = test.length;
  }
  result.train_seconds = Math.round(trainMs / 10) / 100;
  result.test_size = testSize;
  console.error(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(JSON.stringify(result));
}

main();
