import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support';

interface UserBody {
  id: string;
  email: string;
  role: string;
}

describe('users admin API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets an admin create, list and re-role users; the new role applies at next login', async () => {
    const created = await t.post<UserBody>('/v1/users', { email: 'Ed@Test.local', password: 'password1', role: 'editor' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'ed@test.local', role: 'editor', name: 'ed' });

    const list = await t.get<UserBody[]>('/v1/users');
    expect(list.body.map((user) => user.email)).toEqual([t.admin.email, 'ed@test.local']);

    const changed = await t.patch<UserBody>(`/v1/users/${created.body.id}`, { role: 'publisher' });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('publisher');
    const login = await t.post<{ user: UserBody }>('/v1/auth/login', { email: 'ed@test.local', password: 'password1' }, { token: null });
    expect(login.body.user.role).toBe('publisher');
  });

  it('refuses a duplicate email with 409', async () => {
    await t.post('/v1/users', { email: 'dup@test.local', password: 'password1', role: 'viewer' });
    const again = await t.post('/v1/users', { email: 'DUP@test.local', password: 'password2', role: 'agent' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'user_exists' });
  });

  it('answers 400 on bad bodies and 404 on unknown users', async () => {
    const bad = await t.post('/v1/users', { email: 'x@test.local', password: 'short', role: 'king' });
    expect(bad.status).toBe(400);
    expect((bad.body as { issues: { path: string }[] }).issues.map((issue) => issue.path).sort()).toEqual(['password', 'role']);
    expect((await t.patch('/v1/users/00000000-0000-4000-8000-000000000000', { role: 'viewer' })).status).toBe(404);
    expect((await t.patch('/v1/users/not-a-uuid', { role: 'viewer' })).status).toBe(404);
    expect((await t.patch(`/v1/users/00000000-0000-4000-8000-000000000000`, {})).status).toBe(400);
  });

  it('is for admins only', async () => {
    expect((await t.get('/v1/users', { token: null })).status).toBe(401);
    const publisher = await t.loginAs('publisher');
    expect((await t.get('/v1/users', { token: publisher })).status).toBe(403);
    expect((await t.post('/v1/users', { email: 'p@test.local', password: 'password1', role: 'admin' }, { token: publisher })).status).toBe(403);
  });
});
