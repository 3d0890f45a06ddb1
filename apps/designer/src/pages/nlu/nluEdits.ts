import { compileLinearRegex, type Intent, type NluData, type SlotType } from '@zhishou/flow-schema';

/** Small pure edits of the NLU data; the page keeps one NluData value and replaces it on each edit. */
export function upsertIntent(data: NluData, intent: Intent, previousKey = intent.key): NluData {
  const exists = data.intents.some((i) => i.key === previousKey);
  return { ...data, intents: exists ? data.intents.map((i) => (i.key === previousKey ? intent : i)) : [...data.intents, intent] };
}

export function removeIntent(data: NluData, key: string): NluData {
  return { ...data, intents: data.intents.filter((i) => i.key !== key) };
}

export function setExamples(data: NluData, key: string, examples: string[]): NluData {
  return { ...data, intents: data.intents.map((i) => (i.key === key ? { ...i, examples } : i)) };
}

export function upsertSlotType(data: NluData, slotType: SlotType, previousKey = slotType.key): NluData {
  const exists = data.slotTypes.some((s) => s.key === previousKey);
  return {
    ...data,
    slotTypes: exists ? data.slotTypes.map((s) => (s.key === previousKey ? slotType : s)) : [...data.slotTypes, slotType],
  };
}

export function removeSlotType(data: NluData, key: string): NluData {
  return { ...data, slotTypes: data.slotTypes.filter((s) => s.key !== key) };
}

/** "值, 同义词1, 同义词2" per line ↔ list entries; the form edits lists as text. */
export function parseListValues(text: string): { value: string; synonyms: string[] }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(/[,，]/).map((part) => part.trim()).filter(Boolean))
    .filter((parts) => parts.length > 0)
    .map(([value, ...synonyms]) => ({ value: value as string, synonyms }));
}

export function formatListValues(values: readonly { value: string; synonyms: readonly string[] }[] = []): string {
  return values.map((v) => [v.value, ...v.synonyms].join(', ')).join('\n');
}

/** A regex pattern as ops type it: null when it compiles, else the engine's error text. */
export function regexProblem(pattern: string): string | null {
  // The same linear-time engine the NLU runs patterns with, so what saves here also runs there.
  const compiled = compileLinearRegex(pattern);
  return compiled.ok ? null : compiled.reason;
}
