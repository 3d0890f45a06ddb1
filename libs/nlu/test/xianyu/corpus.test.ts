import { describe, expect, it } from 'vitest';
import { EMOTIONS, type SlotType } from '@zhishou/flow-schema';
import { charNgrams, createBaselineNlu, fuzzyKey, matchKey, parseAnnotated } from '../../src/index';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadXianyuNlu, readLines, readTsv } from './corpus-support';

const INTENT_KEYS = [
  'greeting', 'ask_availability', 'bargain', 'ask_shipping_fee', 'ask_ship_time', 'ask_condition', 'ask_authenticity',
  'ask_local_pickup', 'ask_details', 'ask_more_photos', 'place_order', 'logistics_query', 'return_refund', 'return_policy',
  'complaint', 'request_human', 'change_address', 'payment_issue', 'thanks', 'goodbye', 'confirm', 'deny', 'out_of_scope',
];
const SLOT_LABELS = ['price', 'order_id', 'tracking_no', 'phone', 'city', 'size', 'color', 'product'];

function bigramJaccard(a: string, b: string): number {
  const x = new Set(charNgrams(a, 2, 2));
  const y = new Set(charNgrams(b, 2, 2));
  if (x.size === 0 || y.size === 0) return a === b ? 1 : 0;
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared++;
  return shared / (x.size + y.size - shared);
}

describe('flows/xianyu/nlu.json', () => {
  const nlu = loadXianyuNlu();

  it('has exactly the 23 intent keys, each with a Chinese name, keywords and ≥ 40 examples', () => {
    expect(nlu.intents.map((i) => i.key).sort()).toEqual([...INTENT_KEYS].sort());
    for (const intent of nlu.intents) {
      expect(intent.name, intent.key).toMatch(/[\u4e00-\u9fff]/);
      expect(intent.keywords.length, intent.key).toBeGreaterThan(0);
      expect(intent.examples.length, intent.key).toBeGreaterThanOrEqual(40);
    }
  });

  it('never uses one (normalised) example for two intents', () => {
    const owner = new Map<string, string>();
    for (const intent of nlu.intents) {
      for (const example of intent.examples) {
        const key = matchKey(example);
        const previous = owner.get(key);
        expect(previous === undefined || previous === intent.key, `"${example}": ${previous} vs ${intent.key}`).toBe(true);
        owner.set(key, intent.key);
      }
    }
  });

  it('declares the slot types the flows and the tagger use, with the right kinds', () => {
    const kinds = Object.fromEntries(nlu.slotTypes.map((t: SlotType) => [t.key, t.kind]));
    expect(kinds).toMatchObject({ price: 'money', order_id: 'order_id', tracking_no: 'tracking_no', phone: 'phone', city: 'list', size: 'list', color: 'list', product: 'list' });
    for (const type of nlu.slotTypes.filter((t) => t.kind === 'list')) expect(type.values?.length, type.key).toBeGreaterThan(5);
  });

  it('matches every example to its own intent exactly', () => {
    const baseline = createBaselineNlu(nlu);
    for (const intent of nlu.intents) {
      for (const example of intent.examples) {
        expect(baseline.analyze(example).intent, example).toEqual({ intent: intent.key, confidence: 1, source: 'example' });
      }
    }
  });
});

describe('held-out intent test set', () => {
  const nlu = loadXianyuNlu();
  const rows = readTsv('models/xianyu/corpus/intent_test.tsv');
  const examples = nlu.intents.flatMap((i) => i.examples);

  it('has ≥ 8 utterances for every intent and only known intents', () => {
    for (const key of INTENT_KEYS) expect(rows.filter((r) => r.intent === key).length, key).toBeGreaterThanOrEqual(8);
    for (const row of rows) expect(INTENT_KEYS, row.text).toContain(row.intent);
  });

  it('contains no copy or near-copy of a training example', () => {
    const keys = new Set(examples.map(matchKey));
    const fuzzy = new Set(examples.map(fuzzyKey));
    for (const { text = '' } of rows) {
      expect(keys.has(matchKey(text)), text).toBe(false);
      expect(fuzzy.has(fuzzyKey(text)), text).toBe(false);
      const closest = Math.max(...examples.map((e) => bigramJaccard(matchKey(e), matchKey(text))));
      expect(closest, text).toBeLessThan(0.6);
    }
  });
});

describe('slot corpus', () => {
  it.each([
    ['models/xianyu/corpus/slots.txt', 600],
    ['models/xianyu/corpus/slots_test.txt', 100],
  ])('%s parses, uses only known labels and covers all of them', (path, minimum) => {
    const lines = readLines(path);
    expect(lines.length).toBeGreaterThanOrEqual(minimum);
    const counts = new Map<string, number>();
    for (const line of lines) {
      const { text, spans } = parseAnnotated(line);
      for (const span of spans) {
        expect(SLOT_LABELS, line).toContain(span.label);
        expect(text.slice(span.start, span.end)).toBe(span.text);
        counts.set(span.label, (counts.get(span.label) ?? 0) + 1);
      }
    }
    for (const label of SLOT_LABELS) expect(counts.get(label) ?? 0, label).toBeGreaterThanOrEqual(10);
  });

  it('keeps test sentences out of the training file', () => {
    const train = new Set(readLines('models/xianyu/corpus/slots.txt').map((l) => parseAnnotated(l).text));
    for (const line of readLines('models/xianyu/corpus/slots_test.txt')) expect(train.has(parseAnnotated(line).text), line).toBe(false);
  });
});

describe('emotion corpus', () => {
  const train = readTsv('models/xianyu/corpus/emotion.tsv');
  const test = readTsv('models/xianyu/corpus/emotion_test.tsv');

  it('has ≥ 150 training rows for each of the five labels and nothing else', () => {
    for (const label of EMOTIONS) expect(train.filter((r) => r.emotion === label).length, label).toBeGreaterThanOrEqual(150);
    for (const row of [...train, ...test]) expect(EMOTIONS, row.text).toContain(row.emotion);
  });

  it('has a held-out test set with every label and no overlap with training', () => {
    for (const label of EMOTIONS) expect(test.filter((r) => r.emotion === label).length, label).toBeGreaterThanOrEqual(10);
    const seen = new Set(train.map((r) => matchKey(r.text ?? '')));
    for (const row of test) expect(seen.has(matchKey(row.text ?? '')), row.text).toBe(false);
  });
});

describe('generated corpus files', () => {
  it('are in sync with their hand-written sources (regenerate with models/xianyu/corpus/generate/generate.ts)', () => {
    const script = fileURLToPath(new URL('../../../../models/xianyu/corpus/generate/generate.ts', import.meta.url));
    let output: string;
    try {
      output = execFileSync(process.execPath, ['--import', 'tsx', script, '--check'], { encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    // nlu.json is also edited through the designer/API; only the corpus files must match exactly.
    const stale = output.split('\n').filter((line) => line.startsWith('stale:') && !line.endsWith('nlu.json'));
    expect(stale).toEqual([]);
  }, 60_000);
});
