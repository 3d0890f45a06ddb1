import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ENTITY_KINDS, parseFlow, validateFlow } from '@zhishou/flow-schema';
import { describe, expect, it } from 'vitest';
import { botDirs, loadBot, REPO_ROOT } from './bots';

/** Every JSON file that is a flow document: anything with `nodes` under flows/ (manifests, NLU data, rules and transcripts are not). */
function flowFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return flowFiles(path);
    if (!entry.name.endsWith('.json')) return [];
    const document: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof document === 'object' && document !== null && 'nodes' in document ? [path] : [];
  });
}

describe('example bots under flows/', () => {
  const bots = botDirs();

  it('there is at least the demo bot', () => {
    expect(bots.map((dir) => relative(REPO_ROOT, dir))).toContain('flows/xianyu');
  });

  for (const dir of bots) {
    describe(relative(REPO_ROOT, dir), () => {
      const bot = loadBot(dir);
      const flowKeys = [...bot.flows.keys()];
      const intents = bot.nlu?.intents.map((intent) => intent.key);
      const slotTypes = [...ENTITY_KINDS, ...(bot.nlu?.slotTypes.map((slotType) => slotType.key) ?? [])];

      it('lists every flow file of the bot in its manifest, with matching keys', () => {
        const listed = bot.manifest.flows.map((entry) => join(dir, entry.file)).sort();
        expect(flowFiles(dir).sort()).toEqual(listed);
        for (const [key, flow] of bot.flows) expect(flow.key).toBe(key);
        expect(bot.flows.has(bot.manifest.mainFlow)).toBe(true);
      });

      for (const [key, flow] of bot.flows) {
        it(`${key}: validates with no errors and no warnings`, () => {
          expect(validateFlow(flow, { flowKeys, ...(intents ? { intents } : {}), slotTypes })).toEqual([]);
        });
      }
    });
  }

  it('every flow JSON file anywhere under flows/ parses', () => {
    for (const file of flowFiles(join(REPO_ROOT, 'flows'))) {
      const parsed = parseFlow(JSON.parse(readFileSync(file, 'utf8')));
      expect(parsed.ok ? [] : parsed.errors, relative(REPO_ROOT, file)).toEqual([]);
    }
  });
});
