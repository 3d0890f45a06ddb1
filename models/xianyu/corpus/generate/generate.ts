// Rebuilds flows/xianyu/nlu.json and the generated corpus files from the hand-written sources in this
// folder. Deterministic (seeded): `npx tsx models/xianyu/corpus/generate/generate.ts` twice gives the
// same bytes; `--check` only reports files that differ from their sources. intent_test.tsv is
// hand-written and not touched here.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nluDataSchema, type Emotion, type NluData } from '@zhishou/flow-schema';
import { matchKey } from '@zhishou/nlu';
import { CONTEXTS, EMOTION_SENTENCES, EMOTION_TEST, EXPRESSIONS, OPENERS } from './emotion-phrases';
import { FILLERS, SLOT_LABELS, type SlotLabel } from './fillers';
import { createRng, pick } from './rng';
import { TEST_HANDWRITTEN, TEST_TEMPLATES, TRAIN_HANDWRITTEN, TRAIN_TEMPLATES } from './slot-templates';
import { SLOT_TYPES } from './slot-types';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../../..');
const SLOT_TRAIN_SIZE = 720;
const SLOT_TEST_SIZE = 160;
const EMOTION_PER_LABEL = 170;
const OUT_OF_SCOPE_THRESHOLD = 0.45;

type Rng = () => number;

function parseIntents(source: string): NluData['intents'] {
  const intents: NluData['intents'] = [];
  const owner = new Map<string, string>();
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('## ')) {
      const [key = '', name = '', keywords = ''] = line.slice(3).split('|').map((part) => part.trim());
      intents.push({ key, name, examples: [], keywords: keywords.split(',').map((k) => k.trim()).filter(Boolean) });
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const intent = intents[intents.length - 1];
    if (!intent) throw new Error(`example before any intent: ${line}`);
    const key = matchKey(line);
    const previous = owner.get(key);
    if (previous && previous !== intent.key) throw new Error(`"${line}" is an example of both ${previous} and ${intent.key}`);
    if (previous) continue;
    owner.set(key, intent.key);
    intent.examples.push(line);
  }
  return intents;
}

function fill(template: string, rng: Rng): string {
  return template.replace(/\{([a-z_]+)\}/g, (_, label: string) => {
    if (!SLOT_LABELS.includes(label as SlotLabel)) throw new Error(`unknown slot label in template: ${label}`);
    return `[${FILLERS[label as SlotLabel](rng)}](${label})`;
  });
}

function plain(annotated: string): string {
  return annotated.replace(/\[([^\]]+)\]\([a-z_]+\)/g, '$1');
}

function sampleAnnotated(templates: readonly string[], handwritten: readonly string[], size: number, rng: Rng, exclude: Set<string>): string[] {
  const lines: string[] = [];
  const seen = new Set(exclude);
  const add = (line: string) => {
    const key = plain(line);
    if (seen.has(key)) return;
    seen.add(key);
    lines.push(line);
  };
  handwritten.forEach(add);
  // Every template at least twice, then random ones until the target size.
  for (let round = 0; round < 2; round++) for (const template of templates) add(fill(template, rng));
  for (let guard = 0; lines.length < size && guard < size * 20; guard++) add(fill(pick(rng, templates), rng));
  return lines;
}

const NEUTRAL_INTENTS = ['greeting', 'ask_availability', 'ask_shipping_fee', 'ask_condition', 'ask_details', 'ask_more_photos', 'ask_local_pickup', 'change_address', 'confirm', 'ask_authenticity'];
const CHARGED = /[急！!骗假坏差]|快点|投诉|谢/;

function emotionLines(nlu: NluData, rng: Rng, exclude: Set<string>): Array<[string, Emotion]> {
  const rows: Array<[string, Emotion]> = [];
  const seen = new Set(exclude);
  const add = (text: string, label: Emotion) => {
    const key = matchKey(text);
    if (seen.has(key)) return false;
    seen.add(key);
    rows.push([text, label]);
    return true;
  };
  for (const label of ['positive', 'anxious', 'negative', 'angry'] as const) {
    EMOTION_SENTENCES[label].forEach((s) => add(s, label));
    EXPRESSIONS[label].forEach((e) => add(e, label));
    let count = EMOTION_SENTENCES[label].length + EXPRESSIONS[label].length;
    for (let guard = 0; count < EMOTION_PER_LABEL && guard < 5000; guard++) {
      const expression = pick(rng, EXPRESSIONS[label]);
      const text =
        rng() < 0.7
          ? `${pick(rng, CONTEXTS[label])}${pick(rng, ['，', ' ', '，', '...'])}${expression}`
          : `${pick(rng, OPENERS)}${pick(rng, ['，', ' '])}${expression}`;
      if (add(text, label)) count++;
    }
  }
  EMOTION_SENTENCES.neutral.forEach((s) => add(s, 'neutral'));
  const neutralPool = nlu.intents.filter((i) => NEUTRAL_INTENTS.includes(i.key)).flatMap((i) => i.examples).filter((e) => !CHARGED.test(e));
  let neutral = EMOTION_SENTENCES.neutral.length;
  for (let guard = 0; neutral < EMOTION_PER_LABEL && guard < 5000; guard++) if (add(pick(rng, neutralPool), 'neutral')) neutral++;
  return rows;
}

/** Every generated file, by path relative to the repository root, with its exact content. */
export function buildCorpus(): Record<string, string> {
  const intents = parseIntents(readFileSync(join(here, 'intents.txt'), 'utf8'));
  const nlu = nluDataSchema.parse({ locale: 'zh-CN', outOfScopeThreshold: OUT_OF_SCOPE_THRESHOLD, intents, slotTypes: SLOT_TYPES });

  const testSlots = sampleAnnotated(TEST_TEMPLATES, TEST_HANDWRITTEN, SLOT_TEST_SIZE, createRng(20261125), new Set());
  const trainSlots = sampleAnnotated(TRAIN_TEMPLATES, TRAIN_HANDWRITTEN, SLOT_TRAIN_SIZE, createRng(7), new Set(testSlots.map(plain)));
  const testEmotion = new Set(EMOTION_TEST.map(([text]) => matchKey(text)));
  const emotion = emotionLines(nlu, createRng(42), testEmotion);

  const files: Record<string, string> = {
    'flows/xianyu/nlu.json': JSON.stringify(nlu, null, 2),
    'models/xianyu/corpus/slots.txt': trainSlots.join('\n'),
    'models/xianyu/corpus/slots_test.txt': testSlots.join('\n'),
    'models/xianyu/corpus/emotion.tsv': ['text\temotion', ...emotion.map(([t, l]) => `${t}\t${l}`)].join('\n'),
    'models/xianyu/corpus/emotion_test.tsv': ['text\temotion', ...EMOTION_TEST.map(([t, l]) => `${t}\t${l}`)].join('\n'),
  };
  return Object.fromEntries(Object.entries(files).map(([path, content]) => [path, `${content}\n`]));
}

function main(): void {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [path, content] of Object.entries(buildCorpus())) {
    const target = join(root, path);
    if (check) {
      const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
      if (current !== content) {
        stale++;
        console.log(`stale: ${path}`);
      }
    } else {
      writeFileSync(target, content);
      console.log(`wrote ${path}`);
    }
  }
  if (stale > 0) process.exitCode = 1;
}

// Run as a script (`npx tsx .../generate.ts [--check]`), not when a test imports buildCorpus.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
