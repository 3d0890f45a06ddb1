// Held-out quality of the model-free NLU on the demo corpus. Floors, not exact figures: the point is
// to catch a regression (a broken normaliser or matcher), while the printed numbers go to the README.
import { describe, expect, it } from 'vitest';
import { createBaselineNlu, createEntityExtractor, detectEmotion, parseAnnotated } from '../../src/index';
import { loadXianyuNlu, readLines, readTsv } from './corpus-support';

describe('baseline quality on the held-out demo sets', () => {
  const nlu = loadXianyuNlu();

  it('classifies intents of intent_test.tsv', () => {
    const baseline = createBaselineNlu(nlu);
    const rows = readTsv('models/xianyu/corpus/intent_test.tsv');
    const correct = rows.filter((row) => baseline.analyze(row.text ?? '').intent.intent === row.intent).length;
    const accuracy = correct / rows.length;
    console.log(`baseline intent accuracy: ${(accuracy * 100).toFixed(1)}% (${correct}/${rows.length})`);
    expect(accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('classifies emotions of emotion_test.tsv', () => {
    const rows = readTsv('models/xianyu/corpus/emotion_test.tsv');
    const correct = rows.filter((row) => detectEmotion(row.text ?? '').label === row.emotion).length;
    const accuracy = correct / rows.length;
    console.log(`baseline emotion accuracy: ${(accuracy * 100).toFixed(1)}% (${correct}/${rows.length})`);
    expect(accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('finds the annotated slots of slots_test.txt with the rule extractors', () => {
    const extractor = createEntityExtractor(nlu.slotTypes);
    const labels = new Set(nlu.slotTypes.map((t) => t.key));
    let gold = 0;
    let predicted = 0;
    let matched = 0;
    for (const line of readLines('models/xianyu/corpus/slots_test.txt')) {
      const { text, spans } = parseAnnotated(line);
      const found = extractor.extract(text).filter((slot) => labels.has(slot.type));
      gold += spans.length;
      predicted += found.length;
      matched += spans.filter((s) => found.some((f) => f.type === s.label && f.start === s.start && f.end === s.end)).length;
    }
    const precision = matched / predicted;
    const recall = matched / gold;
    const f1 = (2 * precision * recall) / (precision + recall);
    console.log(`rule slots on slots_test: P ${(precision * 100).toFixed(1)} R ${(recall * 100).toFixed(1)} F1 ${(f1 * 100).toFixed(1)} (exact spans, ${gold} gold)`);
    expect(f1).toBeGreaterThanOrEqual(0.8);
  });
});
