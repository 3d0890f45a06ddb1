import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BOT_DIR, DemoSeeder, type SeedResult } from '../../src/modules/demo/demo-seeder';
import { createTestApp, type TestApp } from '../support';
import { must } from './chat-fixtures';
import { goldenTranscripts, replayTranscript } from './golden-replay';

/**
 * The demo bot's golden transcripts (flows/xianyu/tests) replayed through the real api: seeded by
 * DemoSeeder, messages over HTTP with the bot's API key, the sandbox marketplace behind the http
 * node, timers fired the way the worker fires them, releases through the agents' handoff API.
 * Engine-internal expectations (vars, effect lists) are checked by the engine's own golden test.
 * The bot is seeded under a second key with no shipped ONNX model, so NLU is the baseline the
 * transcripts were written against; golden-demo-models.test.ts replays them with the shipped models.
 */
const BOT = 'xianyu_baseline';

describe('demo bot golden transcripts over HTTP', () => {
  let t: TestApp;
  let seed: SeedResult;
  beforeAll(async () => {
    t = await createTestApp();
    const seeded = await t.app.get(DemoSeeder).seedIfEmpty(DEMO_BOT_DIR, { botKey: BOT });
    if (!seeded) throw new Error('demo bot was not seeded');
    seed = seeded;
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds once: flows published as v1 and live, the API key works, a second call does nothing', async () => {
    expect(seed.bot).toBe(BOT);
    expect(seed.flows.every((f) => f.version === 1)).toBe(true);
    expect(seed.apiKey).toMatch(/^zk_/);
    expect(await t.app.get(DemoSeeder).seedIfEmpty(DEMO_BOT_DIR, { botKey: BOT })).toBeNull();
    const flows = must(await t.get<{ key: string; liveVersion: number }[]>(`/v1/bots/${BOT}/flows`), 200);
    expect(flows.map((f) => f.liveVersion)).toEqual(flows.map(() => 1));
    const v1 = must(await t.get<{ nluModelVersion: string | null }>(`/v1/bots/${BOT}/flows/main/versions/1`), 200);
    expect(v1.nluModelVersion).toBeNull();
  });

  it('records the active NLU model version when the real demo bot (with its shipped model) is published', async () => {
    const real = await t.app.get(DemoSeeder).seedIfEmpty();
    expect(real?.bot).toBe('xianyu');
    const v1 = must(await t.get<{ nluModelVersion: string | null }>('/v1/bots/xianyu/flows/main/versions/1'), 200);
    expect(v1.nluModelVersion).toMatch(/^xianyu@/);
  });

  for (const transcript of goldenTranscripts) {
    it(`${transcript.file}: ${transcript.name}`, async () => {
      await replayTranscript(t, BOT, seed.apiKey, transcript);
    });
  }
});
