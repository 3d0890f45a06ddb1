import type { NluData } from '@zhishou/flow-schema';
import { matchKey } from '../text';

/**
 * Exact (normalised) example lookup. Ops expect an example they typed to win over any model, so the
 * ONNX adapter uses this too. When two intents share an example the first intent keeps it.
 */
export interface ExampleIndex {
  lookup(text: string): string | undefined;
}

export function createExampleIndex(data: Pick<NluData, 'intents'>): ExampleIndex {
  const byKey = new Map<string, string>();
  for (const intent of data.intents) {
    for (const example of intent.examples) {
      const key = matchKey(example);
      if (key.length > 0 && !byKey.has(key)) byKey.set(key, intent.key);
    }
  }
  return { lookup: (text) => byKey.get(matchKey(text)) };
}
