import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readZipEntries } from './zip';

/**
 * Reads a text file; `archive.zip:inner/name.csv` reads one entry of a zip, and a zip with a single
 * entry can be named on its own.
 */
export function readText(path: string): string {
  const m = /^(.*\.zip)(?::(.+))?$/i.exec(path);
  let text: string;
  if (m) {
    const entries = readZipEntries(readFileSync(m[1]!));
    const names = [...entries.keys()].filter((n) => !n.endsWith('/'));
    const name = m[2] ?? (names.length === 1 ? names[0] : undefined);
    if (!name || !entries.has(name)) throw new Error(`${m[1]}: name one entry as ${m[1]}:<entry> (entries: ${names.join(', ')})`);
    text = entries.get(name)!().toString('utf8');
  } else {
    text = readFileSync(path, 'utf8');
  }
  return text.replace(/^\uFEFF/, '');
}

export interface SlotIntentExample {
  chars: string[];
  tags: string[];
  intent?: string;
}

/** CAIS: `char TAG` lines (BIOES), blank line between utterances; intents in `<path>.intent`. */
export function readCais(path: string): SlotIntentExample[] {
  const lines = readText(path).split(/\r?\n/);
  const out: SlotIntentExample[] = [];
  let cur: SlotIntentExample = { chars: [], tags: [] };
  for (const line of [...lines, '']) {
    const trimmed = line.trim();
    if (!trimmed) {
      if (cur.chars.length) out.push(cur);
      cur = { chars: [], tags: [] };
      continue;
    }
    const parts = trimmed.split(/\s+/);
    // A token may itself be a space-less symbol; the tag is always the last column.
    cur.chars.push(parts.length > 1 ? parts.slice(0, -1).join('') : '_');
    cur.tags.push(parts[parts.length - 1]!);
  }
  let intents: string[] = [];
  try {
    intents = readText(`${path}.intent`).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  } catch {
    intents = [];
  }
  if (intents.length && intents.length !== out.length) throw new Error(`${path}: ${out.length} utterances but ${intents.length} intents`);
  intents.forEach((intent, i) => (out[i]!.intent = intent));
  return out;
}

/** ECSA: one query per line, `字:TAG 字:TAG … <=> <INTENT>` (BIO). */
export function readEcsa(path: string): SlotIntentExample[] {
  const out: SlotIntentExample[] = [];
  for (const line of readText(path).split(/\r?\n/)) {
    if (!line.trim()) continue;
    const [left, right] = line.split(' <=> ');
    const ex: SlotIntentExample = { chars: [], tags: [] };
    for (const pair of left!.trim().split(/\s+/)) {
      const k = pair.lastIndexOf(':');
      // "::O" = the colon character itself.
      ex.chars.push(k > 0 ? pair.slice(0, k) : ':');
      ex.tags.push(pair.slice(k + 1));
    }
    const intent = right?.trim();
    if (intent && intent !== '<NULL>') ex.intent = intent;
    out.push(ex);
  }
  return out;
}

export interface TextExample {
  text: string;
  label: string;
}

/** SMP2017-ECDT task 1: a directory of `<split>_<label>.txt`, one utterance per line. */
export function readSmp2017(dir: string): TextExample[] {
  if (!statSync(dir).isDirectory()) throw new Error(`${dir}: expected a directory of <split>_<label>.txt files`);
  const out: TextExample[] = [];
  for (const file of readdirSync(dir).sort()) {
    const m = /^[^_]+_(.+)\.txt$/.exec(basename(file));
    if (!m) continue;
    for (const line of readText(join(dir, file)).split(/\r?\n/)) {
      const text = line.replace(/^\uFEFF/, '').trim();
      if (text) out.push({ text, label: m[1]! });
    }
  }
  return out;
}

/** RFC 4180 CSV/TSV rows (quoted fields may hold separators, quotes and newlines). */
export function parseDelimited(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const TEXT_COLUMNS = ['text', 'review', 'text_a', 'sentence', 'utterance'];

/** A table with a header row; returns records keyed by lower-cased column names. */
export function readTable(path: string, format: 'csv' | 'tsv'): Record<string, string>[] {
  const rows = parseDelimited(readText(path), format === 'csv' ? ',' : '\t');
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, (r[i] ?? '').replace(/^\uFEFF/, '').trim()])));
}

/** Labelled texts from a table: the text column is the first of text/review/text_a/sentence present. */
export function readLabelledTable(path: string, format: 'csv' | 'tsv', labelColumn: string): TextExample[] {
  const records = readTable(path, format);
  const first = records[0] ?? {};
  const textCol = TEXT_COLUMNS.find((c) => c in first);
  if (!textCol) throw new Error(`${path}: needs a text column (${TEXT_COLUMNS.join(' / ')})`);
  if (!(labelColumn in first)) throw new Error(`${path}: needs a "${labelColumn}" column`);
  return records.filter((r) => r[textCol] && r[labelColumn]).map((r) => ({ text: r[textCol]!, label: r[labelColumn]! }));
}
