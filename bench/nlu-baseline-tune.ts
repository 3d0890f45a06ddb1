// Chooses the baseline matcher's scoring constants by 5-fold cross-validation over the demo bot's own
// intent examples (the held-out intent_test.tsv is never looked at here). Prints the best settings;
// DEFAULT_TUNING in libs/nlu/src/baseline/baseline.ts holds the chosen ones.
// Run: npx tsx bench/nlu-baseline-tune.ts
import { readFileSync } from 'node:fs';
import { nluDataSchema, OUT_OF_SCOPE_INTENT, type NluData } from '@zhishou/flow-schema';
import { createBaselineNlu, DEFAULT_TUNING, type BaselineTuning } from '@zhishou/nlu';

const FOLDS = 5;
const data = nluDataSchema.parse(JSON.parse(readFileSync(new URL('../flows/xianyu/nlu.json', import.meta.url), 'utf8')));

function fold(k: number): { train: NluData; test: Array<[string, string]> } {
  const test: Array<[string, string]> = [];
  const intents = data.intents.map((intent) => ({
    ...intent,
    examples: intent.examples.filter((example, i) => {
      if (i % FOLDS !== k) return true;
      test.push([example, intent.key]);
      return false;
    }),
  }));
  return { train: { ...data, intents }, test };
}

const folds = Array.from({ length: FOLDS }, (_, k) => fold(k));

interface Score {
  accuracy: number;
  /** Expected calibration error of the top intent's confidence (10 bins). */
  ece: number;
}

function evaluate(tuning: BaselineTuning): Score {
  let correct = 0;
  const points: Array<[number, boolean]> = [];
  for (const { train, test } of folds) {
    const nlu = createBaselineNlu(train, { tuning });
    for (const [text, gold] of test) {
      const result = nlu.analyze(text);
      if (result.intent.intent === gold) correct++;
      const top = result.intents[0];
      if (top) points.push([top.confidence, top.intent === gold || (gold === OUT_OF_SCOPE_INTENT && result.intent.intent === gold)]);
    }
  }
  const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, correct: 0 }));
  for (const [confidence, ok] of points) {
    const bin = bins[Math.min(9, Math.floor(confidence * 10))] as (typeof bins)[number];
    bin.n++;
    bin.confidence += confidence;
    bin.correct += ok ? 1 : 0;
  }
  const ece = bins.reduce((sum, b) => sum + Math.abs(b.confidence - b.correct), 0) / points.length;
  return { accuracy: correct / points.length, ece };
}

const grid: Array<Partial<BaselineTuning>> = [];
for (const profileWeight of [0.7, 0.85, 1])
  for (const temperature of [0.02, 0.04])
    for (const evidenceMidpoint of [0, 0.02, 0.1])
      for (const evidenceSlope of [10, 16])
        for (const secondBestWeight of [0, 0.5])
          for (const unseenWeight of [0.1, 0.3])
            for (const keywordBoost of [0.15, 0.3]) grid.push({ profileWeight, temperature, evidenceMidpoint, evidenceSlope, secondBestWeight, unseenWeight, keywordBoost });

const format = ({ accuracy, ece }: Score) => `accuracy ${(accuracy * 100).toFixed(1)}%  ECE ${(ece * 100).toFixed(1)}%`;
console.log(`defaults: ${format(evaluate(DEFAULT_TUNING))} (${FOLDS}-fold CV over ${folds.reduce((n, f) => n + f.test.length, 0)} examples)`);
const results = grid.map((partial) => {
  const tuning = { ...DEFAULT_TUNING, ...partial };
  return { tuning, score: evaluate(tuning) };
});
results.sort((a, b) => b.score.accuracy - a.score.accuracy || a.score.ece - b.score.ece);
for (const { tuning, score } of results.slice(0, 8)) console.log(`${format(score)}  ${JSON.stringify(tuning)}`);
