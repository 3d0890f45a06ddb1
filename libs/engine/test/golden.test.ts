import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { testCaseSchema } from '@zhishou/flow-schema';
import { createBaselineNlu } from '@zhishou/nlu';
import { fakeHttp, flowResolver, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { describeFailures, replayTestCase } from '../src';
import { botDirs, loadBot, REPO_ROOT } from './bots';

/**
 * Golden replays: each `flows/<bot>/tests/*.json` is a scripted conversation replayed (by the same
 * `replayTestCase` the api's publish gate uses) through the real engine, the real condition evaluator
 * (@zhishou/rules) and the real baseline NLU over the bot's nlu.json. HTTP answers come from the
 * transcript's `http` table (the api's sandbox is tested there).
 */
for (const dir of botDirs()) {
  const bot = loadBot(dir);
  const testsDir = join(dir, 'tests');
  const files = readdirSync(testsDir).filter((name) => name.endsWith('.json')).sort();

  describe(`golden transcripts of ${relative(REPO_ROOT, dir)}`, () => {
    if (!bot.nlu) throw new Error(`${dir}: golden replays need the bot's nlu.json`);
    const nlu = createBaselineNlu(bot.nlu);
    const main = bot.flows.get(bot.manifest.mainFlow);
    if (!main) throw new Error(`${dir}: main flow "${bot.manifest.mainFlow}" missing`);

    it('has transcripts', () => expect(files.length).toBeGreaterThan(0));

    for (const file of files) {
      const testCase = testCaseSchema.parse(JSON.parse(readFileSync(join(testsDir, file), 'utf8')));
      it(`${file}: ${testCase.name}`, async () => {
        const ports = testPorts({ http: fakeHttp(testCase.http ?? {}), flows: flowResolver([...bot.flows.values()]) });
        const result = await replayTestCase(main, testCase, { ports, analyze: (text) => nlu.analyze(text) });
        expect(describeFailures(result), file).toEqual([]);
        expect(result.turns).toHaveLength(testCase.turns.length);
        expect(result.passed).toBe(true);
      });
    }
  });
}
