import type { Emotion, ExtractedSlot, NluResult, TurnInput } from '@zhishou/flow-schema';

export interface NluResultOptions {
  confidence?: number;
  slots?: Array<Pick<ExtractedSlot, 'type' | 'value'> & Partial<ExtractedSlot>>;
  emotion?: Emotion | { label: Emotion; score: number };
  image?: NluResult['image'];
}

/** An NLU result as the inference port would return it, for engine tests. */
export function nluResult(text: string, intent: string, options: NluResultOptions = {}): NluResult {
  const confidence = options.confidence ?? 0.9;
  const emotion = typeof options.emotion === 'string' || options.emotion === undefined
    ? { label: options.emotion ?? 'neutral', score: 0.9 }
    : options.emotion;
  return {
    text,
    intent: { intent, confidence },
    intents: [{ intent, confidence }],
    slots: (options.slots ?? []).map((slot) => {
      const written = slot.text ?? String(slot.value);
      const start = Math.max(0, text.indexOf(written));
      return { text: written, start, end: start + written.length, source: 'rule', ...slot };
    }),
    emotion,
    ...(options.image ? { image: options.image } : {}),
    model: 'test',
  };
}

/** A message turn input carrying its NLU result. */
export function messageInput(text: string, intent: string, options: NluResultOptions & { imageRef?: string } = {}): TurnInput {
  const { imageRef, ...nlu } = options;
  return { type: 'message', text, ...(imageRef ? { image: imageRef } : {}), nlu: nluResult(text, intent, nlu) };
}
