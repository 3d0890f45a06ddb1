import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonValue } from '@zhishou/flow-schema';
import { DEMO_BOT_DIR, DemoSeeder, type SeedResult } from '../../src/modules/demo/demo-seeder';
import { TurnService } from '../../src/modules/conversations/turn.service';
import { createTestApp, type TestApp } from '../support';
import { must, type ChatBody } from './chat-fixtures';

/**
 * The demo bot's golden transcripts (flows/xianyu/tests) replayed through the real api: seeded by
 * DemoSeeder, messages over HTTP with the bot's API key, the sandbox marketplace behind the http
 * node, timers fired the way the worker fires them, releases through the agents' handoff API.
 * Engine-internal expectations (vars, effect lists) are checked by the engine's own golden test.
 * The bot is seeded under a second key with no shipped ONNX model, so NLU is the baseline the
 * transcripts were written against (models/xianyu is evaluated by its own tests and eval CLI).
 */
const BOT = 'xianyu_baseline';
interface Expectation {
  intent?: string;
  replies?: string[];
  contains?: string[];
  node?: string | null;
  flow?: string;
  status?: string;
  slots?: Record<string, JsonValue>;
  handoff?: { queue?: string; priority?: string; reason?: string };
}
type Turn = { user: string; image?: string; expect: Expectation } | { timer: 'pending' | 'stale'; expect: Expectation } | { release: true; expect: Expectation };

const testsDir = join(DEMO_BOT_DIR, 'tests');
const files = readdirSync(testsDir).filter((f) => f.endsWith('.json')).sort();

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

  for (const file of files) {
    const transcript = JSON.parse(readFileSync(join(testsDir, file), 'utf8')) as { name: string; turns: Turn[] };
    it(`${file}: ${transcript.name}`, async () => {
      const cid = `golden-${file.replace(/\.json$/, '')}`;
      for (const [index, turn] of transcript.turns.entries()) {
        const where = `${file} turn ${index + 1}`;
        let replies: string[];
        let state: ChatBody['state'] & { flow?: string };
        let intent: string | undefined;
        if ('user' in turn) {
          const res = must(
            await t.post<ChatBody>(`/v1/bots/${BOT}/conversations/${cid}/messages`, { messageId: `m${index}`, text: turn.user, ...(turn.image ? { image: turn.image } : {}) }, { token: seed.apiKey }),
            200,
          );
          replies = res.replies.map((r) => r.text);
          state = res.state;
          intent = res.nlu?.intent.intent;
        } else if ('timer' in turn) {
          const conv: { state: { timer: { id: string } | null } }[] = await t.dataSource.query(`SELECT state FROM conversations WHERE bot_key = $1 AND external_id = $2`, [BOT, cid]);
          const pending = conv[0]?.state.timer?.id;
          if (turn.timer === 'pending') expect(pending, `${where}: a timer is pending`).toBeTruthy();
          // Exactly what the conversation.timer job does when it fires.
          const res = await t.app.get(TurnService).run(BOT, cid, { type: 'timer', timerId: turn.timer === 'pending' ? pending! : 't0-stale' });
          replies = res.body.replies.map((r) => (r as { text: string }).text);
          state = res.body.state;
        } else {
          const open = must(await t.get<{ handoffs: { id: string; externalId: string }[] }>(`/v1/handoffs?bot=${BOT}`), 200).handoffs.filter((h) => h.externalId === cid);
          expect(open, `${where}: an open handoff to release`).toHaveLength(1);
          must(await t.post(`/v1/handoffs/${open[0]!.id}/claim`, {}), 200);
          const res = must(await t.post<{ replies: { text: string }[]; state: ChatBody['state'] }>(`/v1/handoffs/${open[0]!.id}/release`, {}), 200);
          replies = res.replies.map((r) => r.text);
          state = res.state;
        }
        const e = turn.expect;
        if (e.intent !== undefined) expect(intent, `${where} intent`).toBe(e.intent);
        if (e.replies !== undefined) {
          expect(replies, `${where} replies`).toHaveLength(e.replies.length);
          e.replies.forEach((part, i) => expect(replies[i], `${where} reply ${i + 1}`).toContain(part));
        }
        for (const part of e.contains ?? []) expect(replies.join('\n'), `${where} replies`).toContain(part);
        if (e.node !== undefined) expect(state.node, `${where} node`).toBe(e.node);
        if (e.flow !== undefined) expect(state.flow, `${where} flow`).toBe(e.flow);
        if (e.status !== undefined) expect(state.status, `${where} status`).toBe(e.status);
        for (const [k, v] of Object.entries(e.slots ?? {})) {
          if (v === null) expect(state.slots, `${where} slots`).not.toHaveProperty(k);
          else expect(state.slots[k], `${where} slot ${k}`).toEqual(v);
        }
        if (e.handoff) {
          const rows: { queue: string; priority: string; reason: string | null }[] = await t.dataSource.query(
            `SELECT h.queue, h.priority, h.reason FROM handoffs h JOIN conversations c ON c.id = h.conversation_id WHERE c.external_id = $1 ORDER BY h.created_at DESC LIMIT 1`,
            [cid],
          );
          expect(rows[0], `${where} handoff`).toMatchObject(e.handoff);
        }
      }
    });
  }
});
