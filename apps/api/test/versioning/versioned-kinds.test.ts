import type { NluData, NluGateResult, NluStatus, ScenarioGateResult } from '@zhishou/flow-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainTinyBundle } from '../../src/infra/inference/test-bundle';
import { documentedRoutes } from '../../src/infra/http-server/openapi';
import { canaryBucket } from '../../src/modules/versioning/canary';
import { must, say, setupBot, TEST_NLU } from '../chat/chat-fixtures';
import { createTestApp, type TestApp } from '../support';

/** The real response parses with the route's documented response schema. */
function documented(method: 'GET' | 'POST' | 'PUT', path: string, body: unknown): void {
  const route = documentedRoutes().find((r) => r.method === method && r.path === path);
  if (!route?.response) throw new Error(`no documented response for ${method} ${path}`);
  const parsed = route.response.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues, `${method} ${path}`).toEqual([]);
}

/** TEST_NLU with 你好 moved from greeting to goodbye. */
const MOVED: NluData = {
  ...TEST_NLU,
  intents: TEST_NLU.intents.map((i) =>
    i.key === 'greeting' ? { ...i, examples: i.examples.filter((e) => e !== '你好') } : i.key === 'goodbye' ? { ...i, examples: [...i.examples, '你好'] } : i,
  ),
};

describe('one versioning for every kind of document', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await createTestApp();
    key = await setupBot(t, 'nv');
  });
  afterAll(async () => {
    await t.close();
  });

  const intentOf = async (cid: string, messageId: string, text = '你好') => must(await say(t, key, 'nv', cid, messageId, text), 200).nlu?.intent.intent;

  it('an NLU draft reaches no buyer before it is published; publish and rollback move only new conversations', async () => {
    expect(await intentOf('running', 'r1')).toBe('greeting');
    const current = must(await t.get<{ revision: number; liveVersion: number | null }>('/v1/bots/nv/nlu'), 200);
    expect(current.liveVersion).toBe(1);
    must(await t.put('/v1/bots/nv/nlu', { document: MOVED, revision: current.revision }), 200);

    // Saved, not published: the running conversation and one started now keep the old intent.
    expect(await intentOf('running', 'r2')).toBe('greeting');
    expect(await intentOf('started-before-publish', 'b1')).toBe('greeting');
    const status = must(await t.get<NluStatus>('/v1/bots/nv/nlu/status'), 200);
    documented('GET', '/v1/bots/:bot/nlu/status', status);
    expect(status).toMatchObject({ liveVersion: 1, identical: false, changes: { intentsChanged: ['greeting', 'goodbye'], examplesAdded: 1, examplesRemoved: 1, count: 2 } });

    const dryRun = must(await t.post<NluGateResult>('/v1/bots/nv/nlu/gate', {}), 200);
    documented('POST', '/v1/bots/:bot/nlu/gate', dryRun);
    expect(dryRun.details.heldOut.source).toBe('split');

    // Editors save, publishers publish.
    expect((await t.post('/v1/bots/nv/nlu/publish', { note: 'move 你好' }, { token: await t.loginAs('editor') })).status).toBe(403);
    const published = must(await t.post<{ liveVersion: number; gate: NluGateResult }>('/v1/bots/nv/nlu/publish', { note: 'move 你好' }), 201);
    documented('POST', '/v1/bots/:bot/nlu/publish', published);
    expect(published.liveVersion).toBe(2);
    expect(published.gate.passed).toBe(true);
    expect(must(await t.get<NluStatus>('/v1/bots/nv/nlu/status'), 200)).toMatchObject({ liveVersion: 2, identical: true });

    // New conversations get the new intent; the ones that started earlier keep theirs.
    expect(await intentOf('after-publish', 'a1')).toBe('goodbye');
    expect(await intentOf('started-before-publish', 'b2')).toBe('greeting');
    expect(await intentOf('running', 'r3')).toBe('greeting');

    // Roll back: new conversations get the old intent again.
    must(await t.put('/v1/bots/nv/nlu/live', { version: 1, reason: 'rollback' }), 200);
    expect(await intentOf('after-rollback', 'k1')).toBe('greeting');
    const releases = must(await t.get<{ toVersion: number; reason: string }[]>('/v1/bots/nv/nlu/releases'), 200);
    expect(releases.map((r) => r.toVersion)).toEqual([1, 2, 1]);
    const diff = must(await t.get<{ changes: { examplesAdded: number } }>('/v1/bots/nv/nlu/diff?from=1&to=2'), 200);
    documented('GET', '/v1/bots/:bot/nlu/diff', diff);
    expect(diff.changes.examplesAdded).toBe(1);
  });

  it('refuses an NLU version that scores lower than live on the held-out split (400 tests_failed)', async () => {
    const current = must(await t.get<{ revision: number; document: NluData }>('/v1/bots/nv/nlu'), 200);
    // Every intent keeps one unrelated example and no keywords: the held-out phrases are not recognised any more.
    const worse: NluData = { ...current.document, intents: current.document.intents.map((i) => ({ ...i, examples: [`完全无关的句子${i.key}`], keywords: [] })) };
    must(await t.put('/v1/bots/nv/nlu', { document: worse, revision: current.revision }), 200);
    const gate = must(await t.post<NluGateResult>('/v1/bots/nv/nlu/gate', {}), 200);
    if (gate.details.heldOut.size === 0) throw new Error('the test bot has no held-out examples; the split changed');
    expect(gate.passed).toBe(false);
    const refused = await t.post<{ error: string; gate: NluGateResult['details'] }>('/v1/bots/nv/nlu/publish', { note: 'worse' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('tests_failed');
    expect(refused.body.gate.candidate.accuracy).toBeLessThan(refused.body.gate.live!.accuracy);
    expect(must(await t.get<NluStatus>('/v1/bots/nv/nlu/status'), 200).liveVersion).toBe(1);
  });

  it('a rule set whose scenario fails cannot be published; with a passing scenario it can', async () => {
    const rule = { id: 'remind', name: '提醒', on: 'order.paid', after: '1h', cancelOn: ['order.shipped'], subjectKeys: ['orderId'], actions: [{ type: 'send_message', to: 'seller', template: '请发货' }] };
    const events = [
      { eventId: 'p1', type: 'order.paid', occurredAt: '2026-01-01T00:00:00Z', subject: { orderId: 'o1' } },
      { eventId: 's1', type: 'order.shipped', occurredAt: '2026-01-01T00:30:00Z', subject: { orderId: 'o1' } },
    ];
    const wrong = { id: 'shipped-in-time', name: '按时发货', events, expect: [{ ruleId: 'remind', kind: 'fired' }] };
    const created = must(await t.post<{ revision: number }>('/v1/bots/nv/rulesets', { document: { key: 'gate', name: '门禁', rules: [rule], scenarios: [wrong] } }), 201);
    const refused = await t.post<{ error: string; gate: ScenarioGateResult['details'] }>('/v1/bots/nv/rulesets/gate/publish', { note: 'x' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('tests_failed');
    expect(refused.body.gate).toMatchObject({ total: 1, failed: 1 });
    expect(refused.body.gate.scenarios[0]).toMatchObject({ id: 'shipped-in-time', passed: false, expectations: [{ ruleId: 'remind', kind: 'fired', expected: 1, actual: 0, passed: false }] });
    expect(must(await t.get<unknown[]>('/v1/bots/nv/rulesets/gate/versions'), 200)).toEqual([]);

    // An expectation naming a rule the set does not have is a validation error, not a silent pass.
    const unknownRule = await t.post<{ error: string }>('/v1/bots/nv/rulesets/gate/validate', { document: { key: 'gate', name: '门禁', rules: [rule], scenarios: [{ ...wrong, expect: [{ ruleId: 'nope', kind: 'fired', count: 0 }] }] } });
    expect(must(unknownRule, 200)).toMatchObject({ valid: false });

    const right = { ...wrong, expect: [{ ruleId: 'remind', kind: 'cancelled' }, { ruleId: 'remind', kind: 'fired', count: 0 }] };
    must(await t.put('/v1/bots/nv/rulesets/gate', { document: { key: 'gate', name: '门禁', rules: [rule], scenarios: [right] }, revision: created.revision }), 200);
    expect((await t.post('/v1/bots/nv/rulesets/gate/publish', { note: 'ok' })).status).toBe(201);
  });

  it('a model version can be released as a canary, sticky per conversation, then promoted', async () => {
    const bundle = trainTinyBundle(3);
    for (const number of [1, 2]) {
      await t.dataSource.query(
        `INSERT INTO nlu_model_versions (bot_key, number, status, origin, intent_onnx, slots_onnx, emotion_onnx, created_by, note) VALUES ('nv', $1, 'ready', 'trained', $2, $3, $4, 'test', $5)`,
        [number, Buffer.from(bundle.intent), Buffer.from(bundle.slots), Buffer.from(bundle.emotion), `copy ${number}`],
      );
    }
    // No live model yet: a canary has nothing to split with.
    expect((await t.post<{ error: string }>('/v1/bots/nv/models/2/canary', { percent: 50 })).body.error).toBe('no_live_model');
    must(await t.post('/v1/bots/nv/models/1/activate', {}), 200);
    expect((await t.post('/v1/bots/nv/models/2/canary', { percent: 50 }, { token: await t.loginAs('editor') })).status).toBe(403);
    expect((await t.post('/v1/bots/nv/models/2/canary', { percent: 0 })).status).toBe(400);
    const canary = must(await t.post<{ number: number; canaryPercent: number | null; active: boolean }>('/v1/bots/nv/models/2/canary', { percent: 50 }), 200);
    expect(canary).toMatchObject({ number: 2, canaryPercent: 50, active: false });
    const list = must(await t.get<{ active: number; release: unknown }>('/v1/bots/nv/models'), 200);
    documented('GET', '/v1/bots/:bot/models', list);
    expect(list.release).toMatchObject({ live: { artefact: 1 }, canary: { artefact: 2, percent: 50 } });

    const cids = Array.from({ length: 12 }, (_, i) => `canary-${i}`);
    const arm = (cid: string) => (canaryBucket(`nv:${cid}:model:nlu`) < 50 ? 'nv@v2' : 'nv@v1');
    expect(new Set(cids.map(arm)).size).toBe(2);
    const modelOf = async (cid: string, m: string) => must(await t.post<{ nlu: { model: string } }>(`/v1/bots/nv/conversations/${cid}/messages`, { messageId: m, text: '在吗' }, { token: key }), 200).nlu.model;
    for (const cid of cids) expect(await modelOf(cid, 'm1'), cid).toBe(arm(cid));

    // Promote: new conversations all get version 2; running ones stay on the arm they started on.
    must(await t.post('/v1/bots/nv/models/2/activate', {}), 200);
    for (const cid of cids) expect(await modelOf(cid, 'm2'), cid).toBe(arm(cid));
    expect(await modelOf('after-promote', 'm1')).toBe('nv@v2');
    const after = must(await t.get<{ active: number; release: { canary: unknown }; history: { number: number }[] }>('/v1/bots/nv/models'), 200);
    expect(after).toMatchObject({ active: 2, release: { canary: null } });
    expect(after.history.map((h) => h.number)).toEqual([2, 1]);

    const diff = must(await t.get('/v1/bots/nv/models/diff?from=1&to=2'), 200);
    documented('GET', '/v1/bots/:bot/models/diff', diff);
    expect(diff).toMatchObject({ data: { same: true }, settings: [{ field: 'artefact', from: '1', to: '2' }, { field: 'note', from: 'copy 1', to: 'copy 2' }] });
  });

  it('the test chat of a flow draft hears through the NLU draft; of a published version and for buyers, the live NLU', async () => {
    const bot = 'nvp';
    const botKey = await setupBot(t, bot);
    const current = must(await t.get<{ revision: number }>(`/v1/bots/${bot}/nlu`), 200);
    must(await t.put(`/v1/bots/${bot}/nlu`, { document: MOVED, revision: current.revision }), 200);
    type Preview = { nlu: { intent: { intent: string } } | null };
    const preview = async (session: string, version: number | 'draft') =>
      must(await t.post<Preview>(`/v1/bots/${bot}/preview/${session}/messages`, { messageId: 'p1', text: '你好', flow: 'main', version }), 200).nlu?.intent.intent;
    expect(await preview('draft', 'draft')).toBe('goodbye');
    expect(await preview('version', 1)).toBe('greeting');
    expect(must(await say(t, botKey, bot, 'buyer', 'm1', '你好'), 200).nlu?.intent.intent).toBe('greeting');

    // The next saved revision is heard at once (compiled per draft revision).
    const moved = must(await t.get<{ revision: number }>(`/v1/bots/${bot}/nlu`), 200);
    must(await t.put(`/v1/bots/${bot}/nlu`, { document: TEST_NLU, revision: moved.revision }), 200);
    must(await t.delete(`/v1/bots/${bot}/preview/draft`), 204);
    expect(await preview('draft', 'draft')).toBe('greeting');
  });
});
