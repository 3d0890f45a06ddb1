import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs the first admin in and tells who is logged in', async () => {
    const login = await t.post<{ token: string; user: { email: string; role: string } }>(
      '/v1/auth/login',
      { email: t.admin.email.toUpperCase(), password: t.admin.password },
      { token: null },
    );
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: t.admin.email, role: 'admin' });
    const me = await t.get<{ email: string; role: string }>('/v1/auth/me', { token: login.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: t.admin.email, role: 'admin' });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('refuses a wrong password and an unknown email with the same 401', async () => {
    const wrong = await t.post('/v1/auth/login', { email: t.admin.email, password: 'not-the-password' }, { token: null });
    const unknown = await t.post('/v1/auth/login', { email: 'nobody@test.local', password: 'whatever1' }, { token: null });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ error: 'invalid_credentials', params: {} });
  });

  it('answers 400 with field issues on a bad login body', async () => {
    const response = await t.post('/v1/auth/login', { email: 'not-an-email' }, { token: null });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'validation_failed' });
    const paths = (response.body as { issues: { path: string }[] }).issues.map((issue) => issue.path).sort();
    expect(paths).toEqual(['email', 'password']);
  });

  it('requires a valid token everywhere but public routes', async () => {
    expect((await t.get('/v1/auth/me', { token: null })).status).toBe(401);
    expect((await t.get('/v1/auth/me', { token: 'garbage' })).status).toBe(401);
    expect((await t.get('/v1/bots', { token: null })).status).toBe(401);
    expect((await t.get('/health', { token: null })).status).toBe(200);
  });

  it('refuses a token signed with another secret', async () => {
    const other = await createTestApp({ database: t.database, admin: t.admin });
    try {
      expect((await t.get('/v1/auth/me', { token: other.adminToken })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('echoes the caller request id, or makes one', async () => {
    const given = await t.get('/health', { headers: { 'x-request-id': 'req-123' } });
    expect(given.headers.get('x-request-id')).toBe('req-123');
    const made = await t.get('/health');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
