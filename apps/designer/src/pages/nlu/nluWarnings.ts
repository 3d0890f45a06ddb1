import type { NluData } from '@zhishou/flow-schema';

/** Fewer examples than this and an intent is hard to recognise (the model has too little to learn). */
export const MIN_EXAMPLES_PER_INTENT = 5;

export type NluWarning =
  | { code: 'too_few_examples'; intent: string; count: number; min: number }
  | { code: 'duplicate_example'; example: string; intents: string[] };

/**
 * Normalises an utterance the way two examples should compare: full-width → half-width, lower case,
 * collapsed whitespace. Mirrors what a reader would call "the same sentence".
 */
export function normaliseExample(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Too few examples per intent, and the same example under several intents (it can only mean one). */
export function findNluWarnings(data: Pick<NluData, 'intents'>, min = MIN_EXAMPLES_PER_INTENT): NluWarning[] {
  const warnings: NluWarning[] = [];
  const owners = new Map<string, { example: string; intents: Set<string> }>();
  for (const intent of data.intents) {
    if (intent.key !== 'out_of_scope' && intent.examples.length < min) {
      warnings.push({ code: 'too_few_examples', intent: intent.key, count: intent.examples.length, min });
    }
    for (const example of intent.examples) {
      const key = normaliseExample(example);
      if (!key) continue;
      const entry = owners.get(key) ?? { example, intents: new Set<string>() };
      entry.intents.add(intent.key);
      owners.set(key, entry);
    }
  }
  for (const { example, intents } of owners.values()) {
    if (intents.size > 1) warnings.push({ code: 'duplicate_example', example, intents: [...intents] });
  }
  return warnings;
}

/**
 * Bulk paste: one example per line. Blank lines and examples the intent already has are dropped;
 * returns the examples to append, in the order pasted.
 */
export function parseBulkExamples(pasted: string, existing: readonly string[] = []): string[] {
  const seen = new Set(existing.map(normaliseExample));
  const added: string[] = [];
  for (const line of pasted.split(/\r?\n/)) {
    const example = line.trim();
    const key = normaliseExample(example);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    added.push(example);
  }
  return added;
}
