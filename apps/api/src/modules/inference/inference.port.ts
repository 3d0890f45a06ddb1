import type { NluResult } from '@zhishou/flow-schema';

/** Injection token of the bot-aware NLU (baseline matcher merged with the bot's ONNX model). */
export const INFERENCE = Symbol('INFERENCE');

/**
 * The document versions NLU runs on: NLU data (kind "nlu") and trained model (kind "model"), as pinned
 * into a conversation when it started; null = none published. Without them, the live versions serve.
 */
export interface NluVersions {
  nlu: number | null;
  model: number | null;
}

export interface AnalyzeOptions {
  image?: string;
  /** The conversation's pinned versions (a chat turn); without them the live ones serve. */
  versions?: NluVersions;
  /**
   * The saved NLU draft instead of a published version, with the live model: the designer's test chat
   * of a flow draft, so an unpublished intent can be tried. Ignored with `versions`; no draft: live.
   */
  draft?: boolean;
}

export interface InferencePort {
  analyze(botKey: string, text: string, opts?: AnalyzeOptions): Promise<NluResult>;
}
