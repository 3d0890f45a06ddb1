// Inner loops of the layers, unrolled by four: V8 does not vectorise, and four independent
// accumulators roughly double the multiply-adds per second over the plain loop on this machine.

/** y[yo..yo+n) += a · x[xo..xo+n) */
export function axpy(y: Float32Array, yo: number, a: number, x: Float32Array, xo: number, n: number): void {
  let k = 0;
  for (; k + 3 < n; k += 4) {
    y[yo + k] = y[yo + k]! + a * x[xo + k]!;
    y[yo + k + 1] = y[yo + k + 1]! + a * x[xo + k + 1]!;
    y[yo + k + 2] = y[yo + k + 2]! + a * x[xo + k + 2]!;
    y[yo + k + 3] = y[yo + k + 3]! + a * x[xo + k + 3]!;
  }
  for (; k < n; k++) y[yo + k] = y[yo + k]! + a * x[xo + k]!;
}

/** Σ a[ao + k] · b[bo + k] for k < n */
export function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    s0 += a[ao + k]! * b[bo + k]!;
    s1 += a[ao + k + 1]! * b[bo + k + 1]!;
    s2 += a[ao + k + 2]! * b[bo + k + 2]!;
    s3 += a[ao + k + 3]! * b[bo + k + 3]!;
  }
  for (; k < n; k++) s0 += a[ao + k]! * b[bo + k]!;
  return s0 + s1 + s2 + s3;
}
