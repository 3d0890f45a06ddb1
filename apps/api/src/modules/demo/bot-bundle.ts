import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { jsonValueSchema } from '@zhishou/flow-schema';
import { z } from 'zod';

/** `bot.json`: the bot's manifest in a bot directory such as `flows/xianyu/`. */
export const botManifestSchema = z.object({
  key: z.string().min(1),
  name: z.string().min(1),
  description: z.string().default(''),
  /** The flow new conversations start in. */
  mainFlow: z.string().min(1).default('main'),
  /** Flow files relative to the directory (a path or `{ key, file }`); default: every flow document in the directory and `flows/`. */
  flows: z.array(z.union([z.string(), z.object({ key: z.string(), file: z.string() })])).optional(),
  nlu: z.string().default('nlu.json'),
  /** Rule-set and golden-transcript folders (read by the rules module and the tests). */
  rules: z.string().default('rules'),
  tests: z.string().default('tests'),
  settings: z.record(z.string(), jsonValueSchema).default({}),
});
export type BotManifest = z.infer<typeof botManifestSchema>;

export interface BotBundle {
  dir: string;
  manifest: BotManifest;
  flows: { file: string; document: unknown }[];
  nlu: unknown | null;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const looksLikeFlow = (doc: unknown): boolean => typeof doc === 'object' && doc !== null && Array.isArray((doc as { nodes?: unknown }).nodes);

function flowFiles(dir: string): string[] {
  const candidates = [dir, join(dir, 'flows')].filter(existsSync).flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.json') && !['bot.json', 'nlu.json'].includes(f))
      .map((f) => join(d, f)),
  );
  return candidates.filter((f) => looksLikeFlow(readJson(f))).sort();
}

/** Reads a bot directory: manifest, flow documents (unvalidated: the api validates them) and NLU data. */
export function readBotBundle(dir: string): BotBundle {
  const manifest = botManifestSchema.parse(readJson(join(dir, 'bot.json')));
  const files = manifest.flows ? manifest.flows.map((f) => join(dir, typeof f === 'string' ? f : f.file)) : flowFiles(dir);
  const nluPath = join(dir, manifest.nlu);
  return {
    dir,
    manifest,
    flows: files.map((file) => ({ file: basename(file), document: readJson(file) })),
    nlu: existsSync(nluPath) ? readJson(nluPath) : null,
  };
}
