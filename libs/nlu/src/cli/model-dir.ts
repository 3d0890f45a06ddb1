import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classificationReport } from '../eval/classification';
import { classifyText } from '../models/text-classifier';
import { importClassifierOnnx } from '../onnx/export';
import { readTable } from './datasets';

const pct = (x: number): number => Math.round(x * 10_000) / 100;

/**
 * Scores an already trained model folder (`<dir>/intent/model.onnx`, `<dir>/emotion/model.onnx`) on a
 * table with a `text` column and `intent` and/or `emotion` columns. The ONNX file is the artefact: its
 * initializers are read back and run by the same forward pass the trainer uses.
 */
export function evaluateModelDir(dir: string, testPath: string, format: string): Record<string, number | Record<string, number>> {
  if (format !== 'tsv' && format !== 'csv') throw new Error('--model scores a --format tsv (or csv) file');
  const rows = readTable(testPath, format);
  const result: Record<string, number | Record<string, number>> = {};
  const textOf = (r: Record<string, string>): string => r.text ?? r.review ?? r.text_a ?? '';
  for (const task of ['intent', 'emotion'] as const) {
    const labelled = rows.filter((r) => r[task]);
    if (!labelled.length) continue;
    const file = join(dir, task, 'model.onnx');
    if (!existsSync(file)) throw new Error(`${file} not found (the test file has a "${task}" column)`);
    const model = importClassifierOnnx(readFileSync(file));
    const gold = labelled.map((r) => r[task]!);
    const predicted = labelled.map((r) => classifyText(model, textOf(r)).label);
    const report = classificationReport(gold, predicted, model.labels);
    for (const c of report.perClass.filter((c) => c.support > 0)) console.error(`  ${task} ${c.label.padEnd(22)} P ${pct(c.precision)}  R ${pct(c.recall)}  F1 ${pct(c.f1)}  n=${c.support}`);
    result[`${task}_accuracy`] = pct(report.accuracy);
    result[`${task}_macro_f1`] = pct(report.macroF1);
    if (task === 'emotion') result.emotion_recall = Object.fromEntries(report.perClass.filter((c) => c.support > 0).map((c) => [c.label, pct(c.recall)]));
  }
  if (!Object.keys(result).length) throw new Error(`${testPath}: no rows with an "intent" or "emotion" label`);
  result.test_size = rows.length;
  return result;
}
