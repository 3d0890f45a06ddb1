import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trainTextClassifier } from '../models/text-classifier';
import { exportClassifierOnnx } from '../onnx/export';

const dir = mkdtempSync(join(tmpdir(), 'nlu-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function evalCli(...args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'libs/nlu/src/cli/eval.ts', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}

describe('nlu:eval CLI (end to end on tiny files in the original formats)', () => {
  it('CAIS intent+slots: BIOES tags and a sibling .intent file; the last line is the metrics JSON', () => {
    const sentences = [
      ['我要听周杰伦的歌', 'PlayMusic', ['O', 'O', 'O', 'B-singer', 'I-singer', 'E-singer', 'O', 'O']],
      ['播放晴天', 'PlayMusic', ['O', 'O', 'B-song', 'E-song']],
      ['讲个笑话', 'PlayJoke', ['O', 'O', 'O', 'O']],
      ['来个笑话吧', 'PlayJoke', ['O', 'O', 'O', 'O', 'O']],
    ] as const;
    const tags = sentences.map(([text, , t]) => [...text].map((c, i) => `${c} ${t[i]}`).join('\n')).join('\n\n');
    writeFileSync(join(dir, 'ch.train'), `${tags}\n`);
    writeFileSync(join(dir, 'ch.train.intent'), sentences.map((s) => s[1]).join('\n'));
    const r = evalCli('--task', 'intent+slots', '--format', 'cais', '--train', join(dir, 'ch.train'), '--test', join(dir, 'ch.train'), '--epochs', '30', '--crf-epochs', '30');
    expect(r).toMatchObject({ intent_accuracy: 100, intent_macro_f1: 100, slot_f1: 100, test_size: 4 });
    expect(typeof r.train_seconds).toBe('number');
  });

  it('sentiment from a CSV with label and review columns (other columns ignored)', () => {
    const rows = ['cat,label,review', '书籍,1,很好 很喜欢', '书籍,0,"太差了,失望"', '酒店,1,非常满意 好评', '酒店,0,差评 很失望'];
    writeFileSync(join(dir, 's.csv'), `${rows.join('\n')}\n`);
    const r = evalCli('--task', 'sentiment', '--format', 'csv', '--train', join(dir, 's.csv'), '--test', join(dir, 's.csv'), '--epochs', '40');
    expect(r).toMatchObject({ accuracy: 100, macro_f1: 100, test_size: 4 });
  });

  it('ECSA format (字:TAG … <=> <NULL>) for slots', () => {
    const lines = ['连:B-PINLEI 衣:I-PINLEI 裙:I-PINLEI 红:B-color 色:I-color <=> <NULL>', '红:B-color 色:I-color 外:B-PINLEI 套:I-PINLEI <=> <NULL>'];
    writeFileSync(join(dir, 'ecsa'), `${lines.join('\n')}\n`);
    const r = evalCli('--task', 'slots', '--format', 'ecsa', '--train', join(dir, 'ecsa'), '--test', join(dir, 'ecsa'), '--crf-epochs', '30');
    expect(r).toMatchObject({ slot_f1: 100, test_size: 2 });
  });

  it('--model scores shipped-style ONNX models on a TSV with text, intent and emotion columns', () => {
    const intents = [['便宜点', 'bargain'], ['能少点吗', 'bargain'], ['发货了吗', 'ship'], ['几时发货', 'ship']].map(([text, label]) => ({ text: text!, label: label! }));
    const emotions = [['谢谢你', 'positive'], ['好的', 'neutral'], ['骗子', 'angry']].map(([text, label]) => ({ text: text!, label: label! }));
    for (const [name, model] of [
      ['intent', trainTextClassifier(intents, { task: 'intent', features: { buckets: 512 }, dim: 8, epochs: 40, calibrationShare: 0 })],
      ['emotion', trainTextClassifier(emotions, { task: 'emotion', features: { buckets: 512 }, dim: 8, epochs: 40, calibrationShare: 0 })],
    ] as const) {
      mkdirSync(join(dir, 'm', name), { recursive: true });
      writeFileSync(join(dir, 'm', name, 'model.onnx'), exportClassifierOnnx(model));
    }
    // Row 4 has a wrong gold intent on purpose: 3 of 4 intents right; all 3 emotions right.
    writeFileSync(join(dir, 't.tsv'), 'text\tintent\temotion\n便宜点\tbargain\t\n发货了吗\tship\t\n能少点吗\tbargain\tneutral\n几时发货\tbargain\t\n谢谢你\t\tpositive\n骗子\t\tangry\n');
    const r = evalCli('--model', join(dir, 'm'), '--format', 'tsv', '--test', join(dir, 't.tsv'));
    expect(r.intent_accuracy).toBe(75);
    expect(r.test_size).toBe(6);
    expect(r).toHaveProperty('emotion_recall');
  });
});
