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

function accuracy(tuning: BaselineTuning): number {
  let correct = 0;
  let total = 0;
  for (const { train, test } of folds) {
    const nlu = createBaselineNlu(train, { tuning });
    for (const [text, gold] of test) {
      const predicted = nlu.analyze(text).intent.intent;
      if (predicted === gold || (gold === OUT_OF_SCOPE_INTENT && predicted === OUT_OF_SCOPE_INTENT)) correct++;
      total++;
    }
  }
  return correct / total;
}

const grid: Array<Partial<BaselineTuning>> = [];
for (const keywordBoost of [0.08, 0.15, 0.25])
  for (const temperature of [0.05, 0.1])
    for (const evidenceMidpoint of [0.1, 0.15, 0.2, 0.25, 0.3])
      for (const evidenceSlope of [8, 14])
        for (const secondBestWeight of [0, 0.5])
          for (const unseenWeight of [0.3, 0.6, 1]) grid.push({ keywordBoost, temperature, evidenceMidpoint, evidenceSlope, secondBestWeight, unseenWeight });

console.log(`defaults: ${(accuracy(DEFAULT_TUNING) * 100).toFixed(2)}% (${FOLDS}-fold CV over ${folds.reduce((n, f) => n + f.test.length, 0)} examples)`);
const results = grid.map((partial) => {
  const tuning = { ...DEFAULT_TUNING, ...partial };
  return { tuning, accuracy: accuracy(tuning) };
});
results.sort((a, b) => b.accuracy - a.accuracy);
for (const { tuning, accuracy: acc } of results.slice(0, 8)) console.log(`${(acc * 100).toFixed(2)}%  ${JSON.stringify(tuning)}`);
