/**
 * bench:neural — training and inference speed of the @zhishou/neural question matcher on BQ pairs
 * (pairs/s by wall clock and by this process's CPU time, since the machine is shared).
 * Usage: npm run bench:neural -- [--pairs 2000] [--dim 64] [--hidden 64] [--data <bq train.txt>]
 * (DATASETS_DIR points at the shared datasets folder; default ../shared/datasets).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Adam, buildCharVocab, createRng, encodePairs, logisticLoss, QuestionMatcher, DEFAULT_MATCHER_SHAPE } from '@zhishou/neural';

const { values } = parseArgs({ options: { pairs: { type: 'string', default: '2000' }, dim: { type: 'string' }, hidden: { type: 'string' }, 'compose-kernel': { type: 'string' }, data: { type: 'string', default: `${process.env.DATASETS_DIR ?? '../shared/datasets'}/bq_corpus/bq/train.txt` } } });
const n = Number(values.pairs);
const lines = readFileSync(values.data!, 'utf8').split('\n').filter(Boolean).slice(0, n);
const pairs = lines.map((l) => {
  const [a = '', b = '', y = '0'] = l.split('_!_');
  return { a, b, label: (y.trim() === '1' ? 1 : 0) as 0 | 1 };
});
const vocab = buildCharVocab(pairs.flatMap((p) => [p.a, p.b]), 1);
const shape = { ...DEFAULT_MATCHER_SHAPE, vocabSize: vocab.chars.length, dim: Number(values.dim ?? DEFAULT_MATCHER_SHAPE.dim), hidden: Number(values.hidden ?? DEFAULT_MATCHER_SHAPE.hidden), composeKernel: Number(values['compose-kernel'] ?? DEFAULT_MATCHER_SHAPE.composeKernel) };
const encoded = encodePairs(pairs, vocab, shape.maxLen);
const meanLen = encoded.reduce((s, p) => s + p.a.length + p.b.length, 0) / (2 * encoded.length);
const model = new QuestionMatcher(shape);
const adam = new Adam(model.params(), { learningRate: 1e-3 });
const rng = createRng(1);

function measure(label: string, fn: () => void): void {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(`${label}: ${encoded.length} pairs, ${(encoded.length / wall).toFixed(0)} pairs/s wall, ${(encoded.length / cpuSeconds).toFixed(0)} pairs/s per CPU-second`);
}

console.log(`shape dim ${shape.dim} hidden ${shape.hidden} compose kernel ${shape.composeKernel}; mean question length ${meanLen.toFixed(1)} chars`);
measure('inference (forward)', () => {
  for (const p of encoded) model.forward(p.a, p.b);
});
measure('training (forward + backward + Adam, batch 32)', () => {
  let k = 0;
  for (const p of encoded) {
    model.backward(logisticLoss(model.forward(p.a, p.b, rng), p.label).grad);
    if (++k % 32 === 0) adam.step(1 / 32);
  }
});
