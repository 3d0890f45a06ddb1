import { type EMOTIONS, type ExtractedSlot, type IntentScore, type NluResult, OUT_OF_SCOPE_INTENT } from '@zhishou/flow-schema';
import type { TaggedSpan } from './slot-tagger';

export interface ModelOutputs {
  /** All intents, best first, calibrated confidences. */
  intents: { label: string; confidence: number }[];
  slots: TaggedSpan[];
  emotion: { label: string; confidence: number };
}

export interface MergeOptions {
  /** Model version id reported in `model`. */
  model: string;
  /** Below this the top intent becomes out_of_scope (the bot's NluData.outOfScopeThreshold). */
  outOfScopeThreshold: number;
  topK?: number;
}

const round = (v: number): number => Math.round(v * 10_000) / 10_000;

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Combines the model's outputs with the baseline's result for the same utterance:
 * - an exact ops example (baseline intent source "example") overrides the model's intent;
 * - otherwise the model's calibrated top intent, or out_of_scope below the threshold;
 * - rule entities (normalised values, ops-defined patterns) win where they overlap a model span;
 *   model spans fill in what the rules cannot see (product, colour, size …);
 * - emotion: the lexicon's when it found a cue (curated phrases, high precision — like rule entities),
 *   otherwise the model's, which covers what the lexicon has no phrase for.
 */
export function mergeWithBaseline(baseline: NluResult, outputs: ModelOutputs, options: MergeOptions): NluResult {
  const topK = options.topK ?? 5;
  const ranked: IntentScore[] = outputs.intents.map((i) => ({ intent: i.label, confidence: round(i.confidence), source: 'model' as const }));
  let intent: IntentScore;
  let intents = ranked.slice(0, topK);
  if (baseline.intent.source === 'example') {
    intent = baseline.intent;
    intents = [intent, ...ranked.filter((r) => r.intent !== intent.intent)].slice(0, topK);
  } else {
    const top = ranked[0];
    intent =
      !top || (top.intent !== OUT_OF_SCOPE_INTENT && top.confidence < options.outOfScopeThreshold)
        ? { intent: OUT_OF_SCOPE_INTENT, confidence: round(1 - (top?.confidence ?? 0)), source: 'threshold' }
        : top;
  }
  const ruleSlots = baseline.slots;
  const modelSlots: ExtractedSlot[] = outputs.slots
    .filter((s) => s.text.trim() !== '' && !ruleSlots.some((r) => overlaps(r, s)))
    .map((s) => ({ type: s.type, value: s.text, text: s.text, start: s.start, end: s.end, source: 'model' as const }));
  const slots = [...ruleSlots, ...modelSlots].sort((a, b) => a.start - b.start || a.end - b.end);
  const emotion =
    baseline.emotion.label !== 'neutral' ? baseline.emotion : { label: outputs.emotion.label as (typeof EMOTIONS)[number], score: round(outputs.emotion.confidence) };
  return { ...baseline, intent, intents, slots, emotion, model: options.model };
}

/** Per-character hints (slot type of the rule entity covering each code point) for the tagger. */
export function hintsFromSlots(text: string, slots: readonly { type: string; start: number; end: number }[]): (string | undefined)[] {
  const hints: (string | undefined)[] = [];
  let pos = 0;
  for (const ch of text) {
    const covering = slots.find((s) => s.start <= pos && pos < s.end);
    hints.push(covering?.type);
    pos += ch.length;
  }
  return hints;
}
