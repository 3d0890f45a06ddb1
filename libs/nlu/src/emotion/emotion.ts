import type { Emotion } from '@zhishou/flow-schema';
import { createPhraseFinder } from '../entities/list';
import { foldText } from '../text';
import { EMOTION_LEXICON, type EmotionCue } from './lexicon';

export interface EmotionResult {
  label: Emotion;
  score: number;
}

export interface EmotionDetector {
  detect(text: string): EmotionResult;
}

type Scored = Exclude<Emotion, 'neutral'>;
// On a tie the more urgent label wins: an agent would rather see "angry" than miss it.
const PRIORITY: readonly Scored[] = ['angry', 'negative', 'anxious', 'positive'];
const MIN_EVIDENCE = 0.9;
const NEGATION_BEFORE = /(?:不|没|没有)(?:太|是很|那么|怎么|很|够)?$/;

function punctuationCues(folded: string, totals: Record<Scored, number>): void {
  const bangs = folded.match(/!/g)?.length ?? 0;
  const questions = folded.match(/\?{2,}/g)?.length ?? 0;
  if (bangs >= 2) {
    totals.angry *= 1.5;
    totals.anxious *= 1.3;
    totals.negative *= 1.2;
  }
  // "！！！" with no other cue still reads as shouting.
  if (bangs >= 3 && totals.angry + totals.anxious + totals.negative + totals.positive === 0) totals.angry = 1.2;
  if (questions > 0) totals.anxious += totals.angry > 0 ? 0.3 : 0.8;
}

/** Lexicon + intensity cues; the index is built once. */
export function createEmotionDetector(lexicon: readonly EmotionCue[] = EMOTION_LEXICON): EmotionDetector {
  const find = createPhraseFinder(lexicon.map((cue, index) => ({ phrase: cue.phrase, value: String(index) })));
  return {
    detect(text) {
      const folded = foldText(text);
      const totals: Record<Scored, number> = { angry: 0, anxious: 0, negative: 0, positive: 0 };
      for (const span of find(folded)) {
        const cue = lexicon[Number(span.value)];
        if (!cue || cue.label === 'neutral') continue;
        // 不太满意 / 没那么好用 / 不推荐: a negated positive cue is a negative one.
        const negated = cue.label === 'positive' && NEGATION_BEFORE.test(folded.slice(Math.max(0, span.start - 3), span.start));
        totals[negated ? 'negative' : cue.label] += cue.weight;
      }
      punctuationCues(folded, totals);
      let best: Scored = 'angry';
      for (const label of PRIORITY) if (totals[label] > totals[best]) best = label;
      const evidence = totals[best];
      if (evidence < MIN_EVIDENCE) return { label: 'neutral', score: round(1 - evidence / 2) };
      return { label: best, score: round(Math.min(1, 0.55 + evidence / 8)) };
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

let shared: EmotionDetector | undefined;

/** Emotion of one utterance with the default lexicon. */
export function detectEmotion(text: string): EmotionResult {
  shared ??= createEmotionDetector();
  return shared.detect(text);
}
