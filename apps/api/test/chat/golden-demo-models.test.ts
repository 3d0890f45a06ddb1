import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoSeeder, type SeedResult } from '../../src/modules/demo/demo-seeder';
import { createTestApp, type TestApp } from '../support';
import { must } from './chat-fixtures';
import { goldenTranscripts, replayTranscript } from './golden-replay';

/**
 * The same golden transcripts as golden-demo.test.ts, replayed against the real demo bot key `xianyu`,
 * whose shipped ONNX models (models/xianyu) are active: what a buyer actually talks to. Intent, slot and
 * emotion come from the models merged with the baseline, so every expectation must hold with them too.
 */
const BOT = 'xianyu';

describe('demo bot golden transcripts over HTTP with the shipped ONNX models', () => {
  let t: TestApp;
  let seed: SeedResult;
  beforeAll(async () => {
    t = await createTestApp();
    const seeded = await t.app.get(DemoSeeder).seedIfEmpty();
    if (!seeded) throw new Error('demo bot was not seeded');
    seed = seeded;
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the shipped model version, not the baseline', async () => {
    expect(seed.bot).toBe(BOT);
    const res = must(await t.post<{ nlu: { model: string } | null }>(`/v1/bots/${BOT}/conversations/model-probe/messages`, { messageId: 'm0', text: '你好' }, { token: seed.apiKey }), 200);
    expect(res.nlu?.model).toMatch(/^xianyu@/);
  });

  for (const transcript of goldenTranscripts) {
    it(`${transcript.file}: ${transcript.name}`, async () => {
      await replayTranscript(t, BOT, seed.apiKey, transcript);
    });
  }
});
