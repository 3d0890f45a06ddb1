import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support';

interface KeyBody {
  id: string;
  key: string;
  prefix: string;
  name: string;
}

describe('bots and API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.post('/v1/bots', { key: 'shop', name: '小店' })).status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates, lists and gets bots', async () => {
    const bot = await t.get('/v1/bots/shop');
    expect(bot.status).toBe(200);
    expect(bot.body).toMatchObject({ key: 'shop', name: '小店', description: '', settings: {} });
    const viewer = await t.loginAs('viewer');
    const list = await t.get<{ key: string }[]>('/v1/bots', { token: viewer });
    expect(list.body.map((b) => b.key)).toContain('shop');
    expect((await t.get('/v1/bots/nope')).status).toBe(404);
  });

  it('refuses duplicate keys (409), bad bodies (400) and non-admins (403)', async () => {
    expect((await t.post('/v1/bots', { key: 'shop', name: 'again' })).status).toBe(409);
    const bad = await t.post('/v1/bots', { key: 'has space', name: '' });
    expect(bad.status).toBe(400);
    expect((bad.body as { issues: { path: string }[] }).issues.map((issue) => issue.path).sort()).toEqual(['key', 'name']);
    const editor = await t.loginAs('editor');
    expect((await t.post('/v1/bots', { key: 'mine', name: 'mine' }, { token: editor })).status).toBe(403);
    expect((await t.post('/v1/bots', { key: 'mine', name: 'mine' }, { token: null })).status).toBe(401);
  });

  it('shows a new API key once, lists only its prefix, and revokes it', async () => {
    const publisher = await t.loginAs('publisher');
    const created = await t.post<KeyBody>('/v1/bots/shop/api-keys', { name: 'chat frontend' }, { token: publisher });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^zk_[A-Za-z0-9_-]{32}$/);
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);

    const list = await t.get<Record<string, unknown>[]>('/v1/bots/shop/api-keys', { token: publisher });
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).not.toHaveProperty('key');
    expect(list.body[0]).not.toHaveProperty('hash');
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);

    expect((await t.delete(`/v1/bots/shop/api-keys/${created.body.id}`, { token: publisher })).status).toBe(204);
    expect((await t.get<unknown[]>('/v1/bots/shop/api-keys')).body).toHaveLength(0);
    expect((await t.delete(`/v1/bots/shop/api-keys/${created.body.id}`)).status).toBe(404);
  });

  it('lets only publishers and admins manage keys', async () => {
    const editor = await t.loginAs('editor');
    expect((await t.get('/v1/bots/shop/api-keys', { token: editor })).status).toBe(403);
    expect((await t.post('/v1/bots/shop/api-keys', { name: 'x' }, { token: editor })).status).toBe(403);
    expect((await t.post('/v1/bots/shop/api-keys', {})).status).toBe(400);
    expect((await t.post('/v1/bots/nope/api-keys', { name: 'x' })).status).toBe(404);
  });

  it('API keys open no user routes', async () => {
    const created = await t.post<KeyBody>('/v1/bots/shop/api-keys', { name: 'machine' });
    expect((await t.get('/v1/bots', { token: created.body.key })).status).toBe(403);
    expect((await t.get('/v1/auth/me', { token: created.body.key })).status).toBe(403);
  });
});
