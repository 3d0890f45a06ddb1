import { createRng, shuffleInPlace } from './rng';

/** The sample order of one epoch: a permutation of 0..n−1 that depends only on (seed, epoch). */
export function epochOrder(n: number, seed: number, epoch: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return shuffleInPlace(order, createRng((seed * 1_000_003 + epoch * 7919) >>> 0));
}

/** Mini-batches of an order, as views (no copies); the last one may be shorter. */
export function* miniBatches(order: Int32Array, size: number): Generator<Int32Array> {
  if (size < 1) throw new Error('batch size must be at least 1');
  for (let start = 0; start < order.length; start += size) yield order.subarray(start, Math.min(order.length, start + size));
}

/** A deterministic split of n indices into a held-out share and the rest. */
export function splitIndices(n: number, heldOutShare: number, seed: number): { train: Int32Array; heldOut: Int32Array } {
  const order = epochOrder(n, seed, -1);
  const k = Math.round(n * heldOutShare);
  return { heldOut: order.slice(0, k).sort(), train: order.slice(k).sort() };
}
