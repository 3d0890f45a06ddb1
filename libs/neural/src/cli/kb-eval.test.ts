import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readMatcherMetadata } from '../matcher/onnx';

const dir = mkdtempSync(join(tmpdir(), 'kb-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLI = 'libs/neural/src/cli/kb-eval.ts';
function kbEval(...args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}

const groups = [['怎么退款', '如何退钱', '退款怎么申请'], ['什么时候发货', '几天寄出', '发货要多久'], ['能便宜吗', '可以降价不', '最低多少钱']];
const lines: [string, string, number][] = [];
for (let g = 0; g < groups.length; g++)
  for (const a of groups[g]!)
    for (let h = 0; h < groups.length; h++) for (const b of groups[h]!) if (a !== b) lines.push([a, b, g === h ? 1 : 0]);

describe('kb:eval CLI (end to end on tiny files in the corpora formats)', () => {
  it('bq: trains, scores the other file, prints the matcher and the baseline as the last JSON line, saves the ONNX', () => {
    writeFileSync(join(dir, 'bq.txt'), lines.map((l) => l.join('_!_')).join('\n'));
    const onnx = join(dir, 'm.onnx');
    const r = kbEval('--format', 'bq', '--train', join(dir, 'bq.txt'), '--test', join(dir, 'bq.txt'), '--epochs', '2', '--dim', '8', '--hidden', '8', '--save-onnx', onnx);
    expect(r).toMatchObject({ format: 'bq', train_pairs: lines.length, test_pairs: lines.length, epochs: 2 });
    for (const key of ['accuracy', 'f1', 'auc', 'train_seconds']) expect(typeof r[key]).toBe('number');
    expect(r.baseline).toMatchObject({ name: 'char-jaccard' });
    expect(readMatcherMetadata(readFileSync(onnx)).shape.hidden).toBe(8);
  });

  it('atec and lcqmc layouts; --time-budget accepted', () => {
    writeFileSync(join(dir, 'atec.csv'), '\uFEFF' + lines.map((l, i) => `${i + 1}\t${l.join('\t')}`).join('\n'));
    writeFileSync(join(dir, 'lcqmc.txt'), lines.map((l) => l.join('\t')).join('\n'));
    expect(kbEval('--format', 'atec', '--train', join(dir, 'atec.csv'), '--test', join(dir, 'atec.csv'), '--epochs', '1', '--dim', '8', '--hidden', '8', '--time-budget', '30')).toMatchObject({ test_pairs: lines.length });
    expect(kbEval('--format', 'lcqmc', '--train', join(dir, 'lcqmc.txt'), '--test', join(dir, 'lcqmc.txt'), '--epochs', '1', '--dim', '8', '--hidden', '8')).toMatchObject({ test_pairs: lines.length });
  });

  it('bad arguments exit with code 2 and a message', () => {
    for (const args of [['--format', 'xml', '--train', 'a', '--test', 'b'], ['--format', 'bq', '--train', join(dir, 'missing.txt'), '--test', 'b'], ['--format', 'bq', '--train', join(dir, 'bq.txt'), '--test', join(dir, 'bq.txt'), '--epochs', '0']]) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/kb:eval: /);
    }
  });
});
