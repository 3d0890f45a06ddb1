export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Gold count. */
  support: number;
}

export interface ClassificationReport {
  /** 0–1 */
  accuracy: number;
  /** Unweighted mean F1 over every label seen in gold or predictions (sklearn's macro average). */
  macroF1: number;
  perClass: ClassMetrics[];
  /** Row = gold label, column = predicted label, both in `labels` order. */
  confusion: { labels: string[]; matrix: number[][] };
  total: number;
}

export function f1Of(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/**
 * Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix. A class with no
 * predictions has precision 0 (and one with no gold items recall 0), as sklearn does with zero_division=0.
 */
export function classificationReport(gold: readonly string[], predicted: readonly string[], labelOrder: readonly string[] = []): ClassificationReport {
  if (gold.length !== predicted.length) throw new Error(`gold has ${gold.length} items but predictions ${predicted.length}`);
  const labels = [...labelOrder];
  for (const l of [...gold, ...predicted]) if (!labels.includes(l)) labels.push(l);
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    matrix[index.get(gold[i]!)!]![index.get(predicted[i]!)!]! += 1;
    if (gold[i] === predicted[i]) correct++;
  }
  const seen = new Set([...gold, ...predicted]);
  const perClass: ClassMetrics[] = [];
  for (let c = 0; c < labels.length; c++) {
    const tp = matrix[c]![c]!;
    const support = matrix[c]!.reduce((a, b) => a + b, 0);
    const predictedCount = matrix.reduce((a, row) => a + row[c]!, 0);
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = support ? tp / support : 0;
    perClass.push({ label: labels[c]!, precision, recall, f1: f1Of(precision, recall), support });
  }
  const counted = perClass.filter((m) => seen.has(m.label));
  const macroF1 = counted.length ? counted.reduce((a, m) => a + m.f1, 0) / counted.length : 0;
  return { accuracy: gold.length ? correct / gold.length : 0, macroF1, perClass, confusion: { labels, matrix }, total: gold.length };
}
