import { createRng, gaussian } from './rng';

export interface ParamOptions {
  /** Decoupled weight decay applies (weights yes; biases, norms and temperature no). */
  decay?: boolean;
  /**
   * Row width of a sparsely updated table (embeddings): only rows marked by `touch` get gradients and
   * Adam updates (lazy Adam), so a 5,000-row table costs what a sentence touches, not 5,000 rows.
   */
  sparseRow?: number;
}

/** A trainable tensor: flat row-major values, their gradient, and the shape for export. */
export class Param {
  readonly grad: Float32Array;
  readonly decay: boolean;
  readonly sparseRow: number;
  /** Rows with a gradient since the last optimiser step (sparse params only). */
  readonly touched: Int32Array;
  touchedCount = 0;
  private readonly marked: Uint8Array;

  constructor(
    readonly name: string,
    readonly shape: readonly number[],
    readonly value: Float32Array,
    options: ParamOptions = {},
  ) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== value.length) throw new Error(`param ${name}: shape ${shape.join('×')} does not match ${value.length} values`);
    this.grad = new Float32Array(size);
    this.decay = options.decay ?? false;
    this.sparseRow = options.sparseRow ?? 0;
    const rows = this.sparseRow ? size / this.sparseRow : 0;
    this.touched = new Int32Array(rows);
    this.marked = new Uint8Array(rows);
  }

  get size(): number {
    return this.value.length;
  }

  /** Marks a row of a sparse param as having a gradient. */
  touch(row: number): void {
    if (this.marked[row]) return;
    this.marked[row] = 1;
    this.touched[this.touchedCount++] = row;
  }

  /** Clears the gradient (only the touched rows of a sparse param). */
  zeroGrad(): void {
    if (!this.sparseRow) {
      this.grad.fill(0);
      return;
    }
    const w = this.sparseRow;
    for (let k = 0; k < this.touchedCount; k++) {
      const row = this.touched[k]!;
      this.grad.fill(0, row * w, row * w + w);
      this.marked[row] = 0;
    }
    this.touchedCount = 0;
  }
}

/** Glorot/Xavier uniform initialisation (fan-in and fan-out given), deterministic by seed. */
export function glorot(size: number, fanIn: number, fanOut: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const a = new Float32Array(size);
  for (let i = 0; i < size; i++) a[i] = (rng() * 2 - 1) * limit;
  return a;
}

/** Normal(0, std) initialisation, deterministic by seed. */
export function normal(size: number, std: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const a = new Float32Array(size);
  for (let i = 0; i < size; i++) a[i] = gaussian(rng) * std;
  return a;
}

/** A layer's parameters, for the optimiser and for serialising. */
export interface HasParams {
  params(): Param[];
}
