import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Flow, NluData } from '@zhishou/flow-schema';
import { nluDataSchema, parseFlow } from '@zhishou/flow-schema';

/** Repository root, from this file's location (libs/engine/test). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FLOWS_DIR = join(REPO_ROOT, 'flows');

/** A bot's manifest (`flows/<bot>/bot.json`). */
export interface BotManifest {
  key: string;
  name: string;
  mainFlow: string;
  flows: { key: string; file: string }[];
  nlu?: string;
}

export interface LoadedBot {
  dir: string;
  manifest: BotManifest;
  flows: Map<string, Flow>;
  nlu: NluData | null;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function botDirs(): string[] {
  return readdirSync(FLOWS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(FLOWS_DIR, entry.name))
    .filter((dir) => readdirSync(dir).includes('bot.json'));
}

export function loadBot(dir: string): LoadedBot {
  const manifest = readJson(join(dir, 'bot.json')) as BotManifest;
  const flows = new Map<string, Flow>();
  for (const entry of manifest.flows) {
    const parsed = parseFlow(readJson(join(dir, entry.file)));
    if (!parsed.ok) throw new Error(`${entry.file}: ${parsed.errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`);
    flows.set(entry.key, parsed.flow);
  }
  const nlu = manifest.nlu ? nluDataSchema.parse(readJson(join(dir, manifest.nlu))) : null;
  return { dir, manifest, flows, nlu };
}
