import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, say, setupBot } from '../chat/chat-fixtures';
import { createTestApp, type TestApp } from '../support';

interface Handoff {
  id: string;
  botKey: string;
  externalId: string;
}

/** Per-bot roles: a user reaches only the bots granted to them, with the role granted there. */
describe('access model: a role per user and bot', () => {
  let t: TestApp;
  let keyA: string;
  let keyB: string;
  beforeAll(async () => {
    t = await createTestApp();
    keyA = await setupBot(t, 'bot-a');
    keyB = await setupBot(t, 'bot-b');
    await say(t, keyA, 'bot-a', 'conv-a', 'm1', '转人工');
    await say(t, keyB, 'bot-b', 'conv-b', 'm1', '转人工');
  });
  afterAll(async () => {
    await t.close();
  });

  it("a viewer of bot A reads A's transcripts but gets 404 on bot B's, and does not see B in lists", async () => {
    const viewer = await t.loginAs('viewer', { bots: ['bot-a'] });
    expect((await t.get('/v1/bots/bot-a/conversations/conv-a/messages', { token: viewer })).status).toBe(200);
    for (const path of ['/v1/bots/bot-b/conversations/conv-b/messages', '/v1/bots/bot-b/conversations/conv-b', '/v1/bots/bot-b', '/v1/bots/bot-b/flows', '/v1/bots/bot-b/flows/main', '/v1/bots/bot-b/rulesets', '/v1/bots/bot-b/events', '/v1/bots/bot-b/nlu', '/v1/bots/bot-b/models']) {
      const response = await t.get(path, { token: viewer });
      expect([path, response.status]).toEqual([path, 404]);
    }
    const bots = must(await t.get<{ key: string }[]>('/v1/bots', { token: viewer }), 200);
    expect(bots.map((b) => b.key)).toEqual(['bot-a']);
    expect(must(await t.get('/v1/auth/me/bots', { token: viewer }), 200)).toEqual({ allBots: false, grants: [{ botKey: 'bot-a', role: 'viewer' }] });
    expect(must(await t.get('/v1/auth/me/bots'), 200)).toEqual({ allBots: true, grants: [] });
    // The role still counts on the granted bot: a viewer cannot save.
    const draft = must(await t.get<{ document: unknown; revision: number }>('/v1/bots/bot-a/flows/main', { token: viewer }), 200);
    expect((await t.put('/v1/bots/bot-a/flows/main', { document: draft.document, revision: draft.revision }, { token: viewer })).status).toBe(403);
    // The admin sees both.
    expect(must(await t.get<{ key: string }[]>('/v1/bots'), 200).map((b) => b.key)).toEqual(['bot-a', 'bot-b']);
  });

  it('an agent sees and acts only on handoffs of the bots granted to them as agent', async () => {
    const agent = await t.loginAs('agent', { bots: ['bot-a'] });
    const inbox = must(await t.get<{ handoffs: Handoff[] }>('/v1/handoffs', { token: agent }), 200).handoffs;
    expect(inbox.map((h) => h.botKey)).toEqual(['bot-a']);
    expect(must(await t.get<{ handoffs: Handoff[] }>('/v1/handoffs?bot=bot-b', { token: agent }), 200).handoffs).toEqual([]);
    const all = must(await t.get<{ handoffs: Handoff[] }>('/v1/handoffs'), 200).handoffs;
    const onB = all.find((h) => h.botKey === 'bot-b');
    expect(onB).toBeDefined();
    expect((await t.get(`/v1/handoffs/${onB!.id}`, { token: agent })).status).toBe(404);
    expect((await t.post(`/v1/handoffs/${onB!.id}/claim`, {}, { token: agent })).status).toBe(404);
    expect((await t.post(`/v1/handoffs/${onB!.id}/reply`, { text: 'hi' }, { token: agent })).status).toBe(404);
    expect((await t.post(`/v1/handoffs/${onB!.id}/release`, {}, { token: agent })).status).toBe(404);
    expect((await t.post(`/v1/handoffs/${inbox[0]!.id}/claim`, {}, { token: agent })).status).toBe(200);
    // A viewer grant is not an agent grant: no inbox at all.
    const viewer = await t.loginAs('viewer', { bots: ['bot-a', 'bot-b'] });
    expect((await t.get('/v1/handoffs', { token: viewer })).status).toBe(403);
  });

  it('admins grant, change and revoke per-bot roles; each change applies to the next request', async () => {
    const user = must(await t.post<{ id: string }>('/v1/users', { email: 'ops@test.local', password: 'password1', role: 'editor' }), 201);
    const token = must(await t.post<{ token: string }>('/v1/auth/login', { email: 'ops@test.local', password: 'password1' }, { token: null }), 200).token;
    expect(must(await t.get<unknown[]>('/v1/bots', { token }), 200)).toEqual([]);
    expect((await t.get('/v1/bots/bot-b/flows/main', { token })).status).toBe(404);

    expect(must(await t.put(`/v1/users/${user.id}/bots/bot-b`, { role: 'viewer' }), 200)).toMatchObject({ userId: user.id, botKey: 'bot-b', role: 'viewer' });
    const draft = must(await t.get<{ document: unknown; revision: number }>('/v1/bots/bot-b/flows/main', { token }), 200);
    expect((await t.put('/v1/bots/bot-b/flows/main', { document: draft.document, revision: draft.revision }, { token })).status).toBe(403);

    must(await t.put(`/v1/users/${user.id}/bots/bot-b`, { role: 'editor' }), 200);
    expect((await t.put('/v1/bots/bot-b/flows/main', { document: draft.document, revision: draft.revision }, { token })).status).toBe(200);
    expect(must(await t.get<{ grants: { botKey: string; role: string }[] }>(`/v1/users/${user.id}/bots`), 200).grants.map((g) => [g.botKey, g.role])).toEqual([['bot-b', 'editor']]);
    expect(must(await t.get<{ members: { email: string; role: string }[] }>('/v1/bots/bot-b/members'), 200).members.map((m) => [m.email, m.role])).toContainEqual(['ops@test.local', 'editor']);

    expect((await t.delete(`/v1/users/${user.id}/bots/bot-b`)).status).toBe(204);
    expect((await t.get('/v1/bots/bot-b/flows/main', { token })).status).toBe(404);
    expect((await t.delete(`/v1/users/${user.id}/bots/bot-b`)).status).toBe(404);
  });

  it('the grant routes are for admins and validate their input', async () => {
    const user = must(await t.post<{ id: string }>('/v1/users', { email: 'v2@test.local', password: 'password1', role: 'viewer' }), 201);
    const bad = await t.put(`/v1/users/${user.id}/bots/bot-a`, { role: 'admin' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'validation_failed', issues: [{ path: 'role' }] });
    expect((await t.put(`/v1/users/${user.id}/bots/nope`, { role: 'viewer' })).status).toBe(404);
    expect((await t.put('/v1/users/not-a-uuid/bots/bot-a', { role: 'viewer' })).status).toBe(404);
    const publisher = await t.loginAs('publisher');
    expect((await t.put(`/v1/users/${user.id}/bots/bot-a`, { role: 'viewer' }, { token: publisher })).status).toBe(403);
    expect((await t.get(`/v1/users/${user.id}/bots`, { token: publisher })).status).toBe(403);
    expect((await t.get('/v1/bots/bot-a/members', { token: publisher })).status).toBe(403);
  });

  it('the queue dashboard stays admins-only', async () => {
    const editor = await t.loginAs('editor');
    expect((await t.get('/admin/queues', { token: editor })).status).toBe(403);
    expect((await t.get('/admin/queues', { token: null })).status).toBe(401);
  });
});
