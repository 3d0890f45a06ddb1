import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { nluDataSchema, type NluData } from '@zhishou/flow-schema';
import { createEntityExtractor } from '../entities';
import type { BundleData } from '../models/bundle';
import { emotionTrainingSet, intentExamplesOf, intentLabelsOf } from '../models/bundle';
import { hintsFromSlots } from '../models/merge';
import type { TaggedSentence } from '../models/slot-tagger';
import type { LabelledText } from '../models/text-classifier';
import { readTable, readText } from './datasets';

/** One `[value](type)`-annotated line → text and spans (UTF-16 offsets). */
export function parseSlotMarkup(line: string): { text: string; spans: { type: string; start: number; end: number }[] } {
  let text = '';
  const spans: { type: string; start: number; end: number }[] = [];
  const re = /\[([^\]]+)\]\(([a-z_][a-z0-9_]*)\)/g;
  let last = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    text += line.slice(last, m.index);
    const start = text.length;
    text += m[1]!;
    spans.push({ type: m[2]!, start, end: text.length });
    last = m.index + m[0].length;
  }
  text += line.slice(last);
  return { text, spans };
}

/** Character-level BIO tags of an annotated sentence (one tag per code point). */
export function toTaggedSentence(text: string, spans: readonly { type: string; start: number; end: number }[], hints?: (string | undefined)[]): TaggedSentence {
  const chars: string[] = [];
  const tags: string[] = [];
  let pos = 0;
  for (const ch of text) {
    const span = spans.find((s) => s.start <= pos && pos < s.end);
    chars.push(ch);
    tags.push(span ? `${span.start === pos ? 'B' : 'I'}-${span.type}` : 'O');
    pos += ch.length;
  }
  return { chars, tags, hints };
}

function readMarkupFile(path: string, data: NluData): TaggedSentence[] {
  const extractor = createEntityExtractor(data.slotTypes);
  return readText(path)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const { text, spans } = parseSlotMarkup(line);
      return toTaggedSentence(text, spans, hintsFromSlots(text, extractor.extract(text)));
    });
}

function readLabelled(path: string, column: string): LabelledText[] {
  return readTable(path, 'tsv')
    .filter((r) => r.text && r[column])
    .map((r) => ({ text: r.text!, label: r[column]! }));
}

/** Slot and emotion material (and the intent test file when present) of one corpus folder. */
export function readCorpusDir(corpus: string, nlu: NluData): {
  slots: BundleData['slots'];
  emotions: BundleData['emotions'];
  intentTest: LabelledText[] | null;
} {
  const need = (name: string): string => {
    const p = join(corpus, name);
    if (!existsSync(p)) throw new Error(`missing corpus file ${p}`);
    return p;
  };
  const intentTest = join(corpus, 'intent_test.tsv');
  return {
    slots: { train: readMarkupFile(need('slots.txt'), nlu), test: readMarkupFile(need('slots_test.txt'), nlu) },
    emotions: { train: readLabelled(need('emotion.tsv'), 'emotion'), test: readLabelled(need('emotion_test.tsv'), 'emotion') },
    intentTest: existsSync(intentTest) ? readLabelled(intentTest, 'intent') : null,
  };
}

/**
 * A bot's training material: intents from its NLU data (`flows/<bot>/nlu.json`), held-out intent tests,
 * slot sentences and emotion examples from `models/<bot>/corpus/`.
 */
export function readBotCorpus(root: string, bot: string): { nlu: NluData; data: BundleData } {
  const nlu = nluDataSchema.parse(JSON.parse(readText(join(root, 'flows', bot, 'nlu.json'))));
  const corpus = readCorpusDir(join(root, 'models', bot, 'corpus'), nlu);
  if (!corpus.intentTest) throw new Error(`missing corpus file ${join(root, 'models', bot, 'corpus', 'intent_test.tsv')}`);
  return {
    nlu,
    data: {
      intentLabels: intentLabelsOf(nlu),
      intents: { train: intentExamplesOf(nlu), test: corpus.intentTest },
      slots: corpus.slots,
      emotions: { train: emotionTrainingSet(corpus.emotions.train, nlu), test: corpus.emotions.test },
    },
  };
}
