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
  /** Flow files relative to the directory; default: every flow document in the directory and `flows/`. */
  flows: z.array(z.string()).optional(),
  nlu: z.string().default('nlu.json'),
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
  const files = manifest.flows ? manifest.flows.map((f) => join(dir, f)) : flowFiles(dir);
  const nluPath = join(dir, manifest.nlu);
  return {
    dir,
    manifest,
    flows: files.map((file) => ({ file: basename(file), document: readJson(file) })),
    nlu: existsSync(nluPath) ? readJson(nluPath) : null,
  };
}
