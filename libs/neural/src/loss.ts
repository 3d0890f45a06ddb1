/** Numerically stable sigmoid. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Binary logistic loss on one logit; returns the loss and writes nothing (dLoss/dz = p − y). */
export function logisticLoss(logit: number, label: 0 | 1): { loss: number; grad: number } {
  const p = sigmoid(logit);
  // log(1 + e^z) − y·z, stable for large |z|
  const loss = Math.max(logit, 0) - logit * label + Math.log1p(Math.exp(-Math.abs(logit)));
  return { loss, grad: p - label };
}

/** Softmax cross-entropy over `n` logits; writes dLoss/dlogits into `grad` and returns the loss. */
export function softmaxCrossEntropy(logits: Float32Array, n: number, label: number, grad: Float32Array): number {
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[i]!);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(logits[i]! - max);
  const logSum = Math.log(sum) + max;
  for (let i = 0; i < n; i++) grad[i] = Math.exp(logits[i]! - logSum) - (i === label ? 1 : 0);
  return logSum - logits[label]!;
}
