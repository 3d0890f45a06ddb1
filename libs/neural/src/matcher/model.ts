import { Activation, type ActivationState } from '../layers/activation';
import { CrossAttention, type CrossAttentionState } from '../layers/attention';
import { AlignFuse, type AlignFuseState, PairCombine, type PairCombineState } from '../layers/combine';
import { Conv1d, type Conv1dState } from '../layers/conv1d';
import { Dense, type DenseState } from '../layers/dense';
import { Dropout, type DropoutState } from '../layers/dropout';
import { Embedding, type EmbeddingState } from '../layers/embedding';
import { MaxMeanPool, type PoolState } from '../layers/pool';
import { sigmoid } from '../loss';
import type { Param } from '../tensor';
import { exactMatch } from './vocab';

export interface MatcherShape {
  vocabSize: number;
  /** Character embedding width. */
  dim: number;
  /** Encoder / composition width. */
  hidden: number;
  /** Encoder convolution kernel (odd). */
  kernel: number;
  /** Composition convolution kernel over the fused sequence (1 = a per-position dense layer). */
  composeKernel: number;
  /** Characters kept per question. */
  maxLen: number;
  dropout: number;
  seed: number;
}

export const DEFAULT_MATCHER_SHAPE: Omit<MatcherShape, 'vocabSize'> = { dim: 48, hidden: 48, kernel: 3, composeKernel: 1, maxLen: 40, dropout: 0.2, seed: 7 };

interface SideState {
  ids: Int32Array;
  len: number;
  match: Int32Array;
  charS: EmbeddingState;
  matchS: EmbeddingState;
  x: Float32Array;
  encS: Conv1dState;
  encActS: ActivationState;
  dh: Float32Array;
  fuseS: AlignFuseState;
  compS: Conv1dState;
  compActS: ActivationState;
  poolS: PoolState;
}

/**
 * ESIM-like question matcher over characters, with a CNN instead of the BiLSTMs (far cheaper in JS):
 * (char embedding + exact-match embedding) → Conv1d+ReLU encoder → cross attention between the two
 * questions → [h; h̃; h − h̃; h ⊙ h̃] → composition Conv1d+ReLU → max+mean pooling → [u; v; |u − v|; u ⊙ v]
 * → dropout → Dense+ReLU → Dense → logit; probability = sigmoid(logit / temperature).
 * All buffers are allocated once; a forward/backward pass allocates nothing.
 */
export class QuestionMatcher {
  readonly chars: Embedding;
  readonly match: Embedding;
  readonly encoder: Conv1d;
  readonly encoderAct: Activation;
  readonly attention: CrossAttention;
  readonly fuse: AlignFuse;
  readonly compose: Conv1d;
  readonly composeAct: Activation;
  readonly pool: MaxMeanPool;
  readonly combine: PairCombine;
  readonly drop: Dropout;
  readonly head: Dense;
  readonly headAct: Activation;
  readonly out: Dense;
  /** Fitted on a validation split after training (1 = uncalibrated). */
  temperature = 1;

  private readonly sides: [SideState, SideState];
  private readonly attnS: CrossAttentionState;
  private readonly combineS: PairCombineState;
  private readonly dropS: DropoutState;
  private readonly headS: DenseState;
  private readonly headActS: ActivationState;
  private readonly outS: DenseState;
  private readonly dLogit = new Float32Array(1);

  constructor(readonly shape: MatcherShape) {
    const { vocabSize, dim, hidden, kernel, composeKernel, maxLen, dropout, seed } = shape;
    this.chars = new Embedding(vocabSize, dim, { seed, name: 'chars', std: 0.1 });
    this.match = new Embedding(2, dim, { seed: seed + 1, name: 'match', std: 0.1 });
    this.encoder = new Conv1d(dim, hidden, kernel, { seed: seed + 2, name: 'encoder' });
    this.encoderAct = new Activation('relu', hidden);
    this.attention = new CrossAttention(hidden);
    this.fuse = new AlignFuse(hidden);
    this.compose = new Conv1d(4 * hidden, hidden, composeKernel, { seed: seed + 3, name: 'compose' });
    this.composeAct = new Activation('relu', hidden);
    this.pool = new MaxMeanPool(hidden);
    this.combine = new PairCombine(2 * hidden);
    this.drop = new Dropout(dropout, 8 * hidden);
    this.head = new Dense(8 * hidden, hidden, { seed: seed + 4, name: 'head' });
    this.headAct = new Activation('relu', hidden);
    this.out = new Dense(hidden, 1, { seed: seed + 5, name: 'out' });
    const side = (): SideState => ({
      ids: new Int32Array(0),
      len: 0,
      match: new Int32Array(maxLen),
      charS: this.chars.state(maxLen),
      matchS: this.match.state(maxLen),
      x: new Float32Array(maxLen * dim),
      encS: this.encoder.state(maxLen),
      encActS: this.encoderAct.state(maxLen),
      dh: new Float32Array(maxLen * hidden),
      fuseS: this.fuse.state(maxLen),
      compS: this.compose.state(maxLen),
      compActS: this.composeAct.state(maxLen),
      poolS: this.pool.state(maxLen),
    });
    this.sides = [side(), side()];
    this.attnS = this.attention.state(maxLen);
    this.combineS = this.combine.state();
    this.dropS = this.drop.state();
    this.headS = this.head.state(1);
    this.headActS = this.headAct.state(1);
    this.outS = this.out.state(1);
  }

  params(): Param[] {
    return [this.chars, this.match, this.encoder, this.compose, this.head, this.out].flatMap((l) => l.params());
  }

  /** Raw logit of "same question" (before temperature); `rng` turns on dropout (training). */
  forward(a: Int32Array, b: Int32Array, rng?: () => number): number {
    const [sa, sb] = this.sides;
    this.encodeSide(sa, a, b);
    this.encodeSide(sb, b, a);
    const ha = sa.encActS.out;
    const hb = sb.encActS.out;
    this.attention.forward(this.attnS, ha, sa.len, hb, sb.len);
    const va = this.composeSide(sa, ha, this.attnS.outA);
    const vb = this.composeSide(sb, hb, this.attnS.outB);
    let z = this.combine.forward(this.combineS, va, vb);
    z = this.drop.forward(this.dropS, z, 1, rng);
    z = this.head.forward(this.headS, z, 1);
    z = this.headAct.forward(this.headActS, z, 1);
    return this.out.forward(this.outS, z, 1)[0]!;
  }

  /** Back-propagates dLoss/dlogit through the last forward pass, accumulating parameter gradients. */
  backward(dLogit: number): void {
    this.dLogit[0] = dLogit;
    let g = this.out.backward(this.outS, this.dLogit);
    g = this.headAct.backward(this.headActS, g);
    g = this.head.backward(this.headS, g);
    g = this.drop.backward(this.dropS, g);
    this.combine.backward(this.combineS, g);
    const [sa, sb] = this.sides;
    this.composeBackward(sa, this.combineS.du);
    this.composeBackward(sb, this.combineS.dv);
    this.attention.backward(this.attnS, sa.fuseS.dAligned, sb.fuseS.dAligned);
    this.encodeBackward(sa, this.attnS.dA);
    this.encodeBackward(sb, this.attnS.dB);
  }

  /** Calibrated probability that the two questions ask the same thing. */
  probability(a: Int32Array, b: Int32Array): number {
    return sigmoid(this.forward(a, b) / this.temperature);
  }

  private encodeSide(s: SideState, ids: Int32Array, other: Int32Array): void {
    const len = Math.min(ids.length, this.shape.maxLen);
    const mine = len === ids.length ? ids : ids.subarray(0, len);
    const theirs = other.length > this.shape.maxLen ? other.subarray(0, this.shape.maxLen) : other;
    s.ids = mine;
    s.len = len;
    exactMatch(mine, theirs, s.match);
    const e = this.chars.forward(s.charS, mine, len);
    const m = this.match.forward(s.matchS, s.match, len);
    const n = len * this.shape.dim;
    for (let i = 0; i < n; i++) s.x[i] = e[i]! + m[i]!;
    const h = this.encoder.forward(s.encS, s.x, len);
    this.encoderAct.forward(s.encActS, h, len);
  }

  private composeSide(s: SideState, h: Float32Array, aligned: Float32Array): Float32Array {
    const f = this.fuse.forward(s.fuseS, h, aligned, s.len);
    const c = this.compose.forward(s.compS, f, s.len);
    const r = this.composeAct.forward(s.compActS, c, s.len);
    return this.pool.forward(s.poolS, r, s.len);
  }

  private composeBackward(s: SideState, dv: Float32Array): void {
    let g = this.pool.backward(s.poolS, dv);
    g = this.composeAct.backward(s.compActS, g);
    g = this.compose.backward(s.compS, g);
    this.fuse.backward(s.fuseS, g);
  }

  private encodeBackward(s: SideState, dAttn: Float32Array): void {
    const n = s.len * this.shape.hidden;
    const dx = s.fuseS.dx;
    for (let i = 0; i < n; i++) s.dh[i] = dx[i]! + dAttn[i]!;
    let g = this.encoderAct.backward(s.encActS, s.dh);
    g = this.encoder.backward(s.encS, g);
    this.chars.backward(s.charS, g);
    this.match.backward(s.matchS, g);
  }
}
