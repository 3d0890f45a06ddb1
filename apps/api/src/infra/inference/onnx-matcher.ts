import * as ort from 'onnxruntime-node';
import { encodeQuestion, type MatcherMetadata, readMatcherMetadata } from '@zhishou/neural';

const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };

/** The question-matching graph of @zhishou/neural in onnxruntime: two questions → calibrated match probability. */
export class OnnxMatcher {
  private constructor(
    readonly meta: MatcherMetadata,
    private readonly session: ort.InferenceSession,
  ) {}

  static async load(bytes: Uint8Array): Promise<OnnxMatcher> {
    const meta = readMatcherMetadata(bytes);
    const session = await ort.InferenceSession.create(bytes, SESSION_OPTIONS);
    for (const name of ['a', 'b']) if (!session.inputNames.includes(name)) throw new Error(`matcher graph lacks the ${name} input`);
    if (!session.outputNames.includes('prob')) throw new Error('matcher graph lacks the prob output');
    return new OnnxMatcher(meta, session);
  }

  /** Raw logit and calibrated probability that `a` and `b` ask the same thing. */
  async score(a: string, b: string): Promise<{ logit: number; prob: number }> {
    const ids = (text: string): ort.Tensor => {
      const encoded = encodeQuestion(text, this.meta.vocab, this.meta.shape.maxLen);
      return new ort.Tensor('int64', BigInt64Array.from(encoded, (v) => BigInt(v)), [encoded.length]);
    };
    const out = await this.session.run({ a: ids(a), b: ids(b) }, ['logit', 'prob']);
    return { logit: (out.logit!.data as Float32Array)[0]!, prob: (out.prob!.data as Float32Array)[0]! };
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
