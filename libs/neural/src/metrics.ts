/** Binary classification figures at a threshold, and the threshold-free AUC. */
export interface BinaryMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  auc: number;
}

export function binaryMetrics(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const pred = scores[i]! >= threshold ? 1 : 0;
    const y = labels[i]!;
    if (pred === y) correct++;
    if (pred === 1 && y === 1) tp++;
    else if (pred === 1) fp++;
    else if (y === 1) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { accuracy: labels.length ? correct / labels.length : 0, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, auc: auc(scores, labels) };
}

/** Area under the ROC curve by ranks (ties get their average rank). */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = labels.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[idx[k]!] === 1) {
      pos++;
      rankSum += avg;
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (!pos || !neg) return 0.5;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** The threshold on scores that maximises accuracy (ties: the midpoint between neighbouring scores). */
export function bestThreshold(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = labels.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positivesAbove = 0;
  for (let i = 0; i < n; i++) positivesAbove += labels[i] === 1 ? 1 : 0;
  // threshold below everything: predict all positive
  let correct = positivesAbove;
  let best = correct;
  let bestT = n ? scores[idx[0]!]! - 1e-9 : 0.5;
  for (let k = 0; k < n; k++) {
    // move sample idx[k] to the negative side
    correct += labels[idx[k]!] === 1 ? -1 : 1;
    const next = k + 1 < n ? scores[idx[k + 1]!]! : scores[idx[k]!]! + 1e-9;
    if (next === scores[idx[k]!]) continue;
    if (correct > best) {
      best = correct;
      bestT = (scores[idx[k]!]! + next) / 2;
    }
  }
  return bestT;
}
