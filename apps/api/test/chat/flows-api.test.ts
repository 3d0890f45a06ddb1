import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support';
import { must, say, setupBot, testFlow } from './chat-fixtures';

interface Draft {
  key: string;
  revision: number;
  updatedBy: string;
  liveVersion: number | null;
}

describe('flows API (drafts, publish, versions, live pointer)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await setupBot(t, 'shop');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a stale draft save with 409 naming who saved and when', async () => {
    const editor = await t.loginAs('editor');
    const draft = must(await t.get<Draft>('/v1/bots/shop/flows/main', { token: editor }), 200);
    must(await t.put('/v1/bots/shop/flows/main', { document: testFlow('edit-a'), revision: draft.revision }, { token: editor }), 200);
    const stale = await t.put<{ error: string; current: { revision: number; updatedBy: string; updatedAt: string } }>(
      '/v1/bots/shop/flows/main',
      { document: testFlow('edit-b'), revision: draft.revision },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('stale_revision');
    expect(stale.body.current.revision).toBe(draft.revision + 1);
    expect(stale.body.current.updatedBy).toMatch(/^editor-/);
    expect(Date.parse(stale.body.current.updatedAt)).not.toBeNaN();
  });

  it('rejects schema-invalid drafts with field-level 400 and refuses to publish a flow with validation errors', async () => {
    const bad = await t.post<{ issues: { path: string }[] }>('/v1/bots/shop/flows', { document: { schemaVersion: 1, key: 'broken', name: 'x', nodes: [{ id: 'a', kind: 'message', config: {} }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.some((i) => i.path.startsWith('nodes.0.config'))).toBe(true);

    const dangling = testFlow('bad');
    dangling.key = 'dangling';
    dangling.edges = [...(dangling.edges ?? []), { id: 'x1', source: 'hi', target: 'nowhere' }];
    must(await t.post('/v1/bots/shop/flows', { document: dangling }), 201);
    const validated = must(await t.post<{ valid: boolean; issues: { code: string }[] }>('/v1/bots/shop/flows/dangling/validate', {}), 200);
    expect(validated.valid).toBe(false);
    const refused = await t.post<{ error: string; issues: { code: string; edgeId?: string }[] }>('/v1/bots/shop/flows/dangling/publish', { note: 'try' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('validation_failed');
    expect(refused.body.issues).toContainEqual(expect.objectContaining({ code: 'dangling_edge_target', edgeId: 'x1' }));
    expect(must(await t.get<unknown[]>('/v1/bots/shop/flows/dangling/versions'), 200)).toEqual([]);
  });

  it('publishes immutable versions with hash, author and note; diffs them; only publishers move the live pointer', async () => {
    const publisher = await t.loginAs('publisher');
    const editor = await t.loginAs('editor');
    expect((await t.post('/v1/bots/shop/flows/main/publish', { note: 'by editor' }, { token: editor })).status).toBe(403);
    const v2 = must(await t.post<{ number: number; contentHash: string; author: string; note: string }>('/v1/bots/shop/flows/main/publish', { note: '编辑后' }, { token: publisher }), 201);
    expect(v2.number).toBe(2);
    expect(v2.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(v2.author).toMatch(/^publisher-/);
    const list = must(await t.get<{ number: number }[]>('/v1/bots/shop/flows/main/versions', { token: editor }), 200);
    expect(list.map((v) => v.number)).toEqual([2, 1]);
    const v1 = must(await t.get<{ content: { nodes: { id: string; config: { prompt?: string[] } }[] } }>('/v1/bots/shop/flows/main/versions/1'), 200);
    expect(JSON.stringify(v1.content)).toContain('[v1]');
    const diff = must(await t.get<{ changes: { nodes: { changed: string[] } } }>('/v1/bots/shop/flows/main/diff?from=1&to=2'), 200);
    expect(diff.changes.nodes.changed).toEqual(expect.arrayContaining(['menu', 'hi']));

    expect((await t.put('/v1/bots/shop/flows/main/live', { version: 2 }, { token: editor })).status).toBe(403);
    expect((await t.put('/v1/bots/shop/flows/main/live', { version: 2 }, { token: null })).status).toBe(401);
    must(await t.put('/v1/bots/shop/flows/main/live', { version: 2 }, { token: publisher }), 200);
    expect(must(await t.get<Draft>('/v1/bots/shop/flows/main'), 200).liveVersion).toBe(2);
    expect((await t.put('/v1/bots/shop/flows/main/live', { version: 99 }, { token: publisher })).status).toBe(404);
    expect((await t.get('/v1/bots/nobot/flows')).status).toBe(404);
  });

  it('splits new conversations between live and a canary version, sticky per conversation', async () => {
    const key = must(await t.post<{ key: string }>('/v1/bots/shop/api-keys', { name: 'canary' }), 201).key;
    must(await t.put('/v1/bots/shop/flows/main/live', { version: 1, canary: { version: 2, percent: 50 }, reason: 'try v2 on half' }), 200);
    const versions = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        must(await say(t, key, 'shop', `canary-${i}`, 'm1', '你好'), 200);
        must(await say(t, key, 'shop', `canary-${i}`, 'm2', '你好'), 200);
        return must(await t.get<{ flowVersion: number }>(`/v1/bots/shop/conversations/canary-${i}`), 200).flowVersion;
      }),
    );
    const onCanary = versions.filter((v) => v === 2).length;
    expect(onCanary).toBeGreaterThan(5);
    expect(onCanary).toBeLessThan(35);
    expect(versions.every((v) => v === 1 || v === 2)).toBe(true);
    const audit = must(await t.get<{ canaryVersion: number | null; canaryPercent: number }[]>('/v1/bots/shop/flows/main/releases'), 200);
    expect(audit[0]).toMatchObject({ canaryVersion: 2, canaryPercent: 50 });
    must(await t.put('/v1/bots/shop/flows/main/live', { version: 1 }), 200);
  });

  it('keeps NLU data as a revisioned draft: 400 on bad data, 409 on a stale revision, and the chat uses it once published', async () => {
    const current = must(await t.get<{ revision: number; document: { intents: { key: string; examples: string[] }[] } }>('/v1/bots/shop/nlu'), 200);
    const bad = await t.put<{ issues: { path: string }[] }>('/v1/bots/shop/nlu', { document: { intents: [{ key: 'has space', name: '' }] }, revision: current.revision });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.path)).toContain('intents.0.key');
    const intents = current.document.intents.map((i) => (i.key === 'greeting' ? { ...i, examples: [...i.examples, '哈喽哈喽'] } : i));
    const saved = must(await t.put<{ revision: number }>('/v1/bots/shop/nlu', { document: { ...current.document, intents }, revision: current.revision }), 200);
    expect(saved.revision).toBe(current.revision + 1);
    expect((await t.put('/v1/bots/shop/nlu', { document: current.document, revision: current.revision })).status).toBe(409);
    const key = must(await t.post<{ key: string }>('/v1/bots/shop/api-keys', { name: 'nlu' }), 201).key;
    // A saved draft reaches no buyer; published, it serves the conversations that start after.
    expect(must(await say(t, key, 'shop', 'nlu-1', 'm1', '哈喽哈喽'), 200).nlu?.intent.intent).not.toBe('greeting');
    must(await t.post('/v1/bots/shop/nlu/publish', { note: '哈喽' }), 201);
    expect(must(await say(t, key, 'shop', 'nlu-2', 'm1', '哈喽哈喽'), 200).nlu?.intent.intent).toBe('greeting');
    expect((await t.put('/v1/bots/shop/nlu', { document: current.document, revision: saved.revision }, { token: await t.loginAs('viewer') })).status).toBe(403);
  });

  it('serves the sandbox marketplace publicly and read-only', async () => {
    const order = await t.get<{ orderId: string; sandbox: boolean; status: string }>('/v1/sandbox/orders/XY20261125000123', { token: null });
    expect(order.status).toBe(200);
    expect(order.body).toMatchObject({ orderId: 'XY20261125000123', sandbox: true, status: 'shipped' });
    expect((await t.get('/v1/sandbox/orders/XY20261125009999', { token: null })).status).toBe(404);
  });
});
