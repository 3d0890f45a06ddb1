import type { NluData, NluDiff } from '@zhishou/flow-schema';

const json = (v: unknown): string => JSON.stringify(v);

/** What changed between two versions of NLU data (intents, examples, slot types, settings), with a count for the badge. */
export function diffNlu(from: NluData, to: NluData): NluDiff {
  const before = new Map(from.intents.map((i) => [i.key, i]));
  const after = new Map(to.intents.map((i) => [i.key, i]));
  const intentsAdded = [...after.keys()].filter((k) => !before.has(k));
  const intentsRemoved = [...before.keys()].filter((k) => !after.has(k));
  const intentsChanged = [...after.keys()].filter((k) => before.has(k) && json(before.get(k)) !== json(after.get(k)));
  const examplesOf = (d: NluData) => new Set(d.intents.flatMap((i) => i.examples.map((e) => `${i.key}\u0000${e}`)));
  const oldExamples = examplesOf(from);
  const newExamples = examplesOf(to);
  const examplesAdded = [...newExamples].filter((e) => !oldExamples.has(e)).length;
  const examplesRemoved = [...oldExamples].filter((e) => !newExamples.has(e)).length;
  const slotsBefore = new Map(from.slotTypes.map((s) => [s.key, json(s)]));
  const slotsAfter = new Map(to.slotTypes.map((s) => [s.key, json(s)]));
  const slotTypesChanged = [...new Set([...slotsBefore.keys(), ...slotsAfter.keys()])].filter((k) => slotsBefore.get(k) !== slotsAfter.get(k));
  const settingsChanged = from.locale !== to.locale || from.outOfScopeThreshold !== to.outOfScopeThreshold;
  const count = intentsAdded.length + intentsRemoved.length + intentsChanged.length + slotTypesChanged.length + (settingsChanged ? 1 : 0);
  return { intentsAdded, intentsRemoved, intentsChanged, examplesAdded, examplesRemoved, slotTypesChanged, settingsChanged, count };
}
