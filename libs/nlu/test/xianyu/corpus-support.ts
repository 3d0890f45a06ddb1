// Test helpers that read the demo bot's corpus (tests may do I/O; library code may not, so this file is
// only imported by *.test.ts and bench scripts).
import { readFileSync } from 'node:fs';
import { nluDataSchema, type Emotion, type NluData } from '@zhishou/flow-schema';

const root = new URL('../../../../', import.meta.url);

export function readRepoFile(path: string): string {
  return readFileSync(new URL(path, root), 'utf8');
}

export function loadXianyuNlu(): NluData {
  return nluDataSchema.parse(JSON.parse(readRepoFile('flows/xianyu/nlu.json')));
}

/** Rows of a TSV with a header; returns objects keyed by the header's column names. */
export function readTsv(path: string): Array<Record<string, string>> {
  const [header = '', ...lines] = readRepoFile(path).split('\n').filter((line) => line.trim() !== '');
  const columns = header.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
  });
}

export function readLines(path: string): string[] {
  return readRepoFile(path).split('\n').filter((line) => line.trim() !== '');
}

export type EmotionRow = { text: string; emotion: Emotion };
