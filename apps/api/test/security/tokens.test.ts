import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/infra/config/config';
import { must, setupBot } from '../chat/chat-fixtures';
import { createTestApp, type TestApp } from '../support';

describe('tokens outlive no change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await setupBot(t, 'shop');
  });
  afterAll(async () => {
    await t.close();
  });

  async function userWithToken(role: 'editor' | 'viewer', email: string): Promise<{ id: string; token: string }> {
    const user = must(await t.post<{ id: string }>('/v1/users', { email, password: 'password1', role }), 201);
    must(await t.put(`/v1/users/${user.id}/bots/shop`, { role }), 200);
    const token = must(await t.post<{ token: string }>('/v1/auth/login', { email, password: 'password1' }, { token: null }), 200).token;
    return { id: user.id, token };
  }

  it('a password change revokes the tokens issued before it', async () => {
    const { id, token } = await userWithToken('viewer', 'pw@test.local');
    expect((await t.get('/v1/auth/me', { token })).status).toBe(200);
    must(await t.patch(`/v1/users/${id}`, { password: 'a-new-password' }), 200);
    expect((await t.get('/v1/auth/me', { token })).status).toBe(401);
    expect((await t.get('/v1/bots/shop', { token })).status).toBe(401);
    const fresh = must(await t.post<{ token: string }>('/v1/auth/login', { email: 'pw@test.local', password: 'a-new-password' }, { token: null }), 200).token;
    expect((await t.get('/v1/auth/me', { token: fresh })).status).toBe(200);
  });

  it("a demoted editor's old token no longer saves drafts", async () => {
    const { id, token } = await userWithToken('editor', 'ed@test.local');
    const draft = must(await t.get<{ document: unknown; revision: number }>('/v1/bots/shop/flows/main', { token }), 200);
    const saved = must(await t.put<{ revision: number }>('/v1/bots/shop/flows/main', { document: draft.document, revision: draft.revision }, { token }), 200);
    must(await t.patch(`/v1/users/${id}`, { role: 'viewer' }), 200);
    expect((await t.put('/v1/bots/shop/flows/main', { document: draft.document, revision: saved.revision }, { token })).status).toBe(401);
    // A rename is not a revocation.
    const other = await userWithToken('viewer', 'name@test.local');
    must(await t.patch(`/v1/users/${other.id}`, { name: 'Renamed' }), 200);
    expect((await t.get('/v1/auth/me', { token: other.token })).status).toBe(200);
  });

  it('refuses a well-signed JWT without exp, and one without a token version', async () => {
    const me = must(await t.get<{ id: string }>('/v1/auth/me'), 200);
    const key = new TextEncoder().encode(t.config.jwt.secret);
    const noExp = await new SignJWT({ email: t.admin.email, role: 'admin', ver: 0 }).setProtectedHeader({ alg: 'HS256' }).setSubject(me.id).setIssuedAt().setIssuer('zhishou').sign(key);
    expect((await t.get('/v1/auth/me', { token: noExp })).status).toBe(401);
    const noVer = await new SignJWT({ email: t.admin.email, role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject(me.id).setIssuedAt().setIssuer('zhishou').setExpirationTime('1h').sign(key);
    expect((await t.get('/v1/auth/me', { token: noVer })).status).toBe(401);
    const good = await new SignJWT({ email: t.admin.email, role: 'admin', ver: 0 }).setProtectedHeader({ alg: 'HS256' }).setSubject(me.id).setIssuedAt().setIssuer('zhishou').setExpirationTime('1h').sign(key);
    expect((await t.get('/v1/auth/me', { token: good })).status).toBe(200);
    // The queue dashboard judges tokens the same way.
    expect((await t.get('/admin/queues', { token: noExp })).status).toBe(401);
  });
});

describe('production secrets', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  function load(extra: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'zs-sec-'));
    dirs.push(dir);
    return loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db', DATA_DIR: dir, ...extra });
  }

  it('refuses the example secrets of docker/ and k8s/, and low-entropy ones', () => {
    for (const secret of ['CHANGE_ME_TO_AT_LEAST_32_RANDOM_CHARACTERS', 'change-me-please-change-me-please-123', 'x'.repeat(40), '0123456789012345678901234567890123', 'abababababababababababababababababab']) {
      expect(() => load({ JWT_SECRET: secret }), secret).toThrow(ConfigError);
    }
    expect(() => load({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => load({ JWT_SECRET: 'q8Xv3Lr9TzKp2Wm6Ny4Bc7Hd1Fg5Js0Ae', METRICS_TOKEN: 'CHANGE_ME_METRICS_TOKEN' })).toThrow(/METRICS_TOKEN/);
    expect(() => load({ JWT_SECRET: 'q8Xv3Lr9TzKp2Wm6Ny4Bc7Hd1Fg5Js0Ae', ADMIN_PASSWORD: 'CHANGE_ME' })).toThrow(/ADMIN_PASSWORD/);
    expect(load({ JWT_SECRET: 'q8Xv3Lr9TzKp2Wm6Ny4Bc7Hd1Fg5Js0Ae' }).jwt.secret).toBe('q8Xv3Lr9TzKp2Wm6Ny4Bc7Hd1Fg5Js0Ae');
  });

  it('keeps development convenient: any secret, metrics and sandbox open', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zs-sec-'));
    dirs.push(dir);
    const dev = loadConfig({ DATABASE_URL: 'postgres://u@h/db', DATA_DIR: dir, JWT_SECRET: 'CHANGE_ME_TO_AT_LEAST_32_RANDOM_CHARACTERS' });
    expect(dev.security.metricsToken).toBeNull();
    expect(dev.security.sandboxKey).toBeNull();
    const prod = load({ JWT_SECRET: 'q8Xv3Lr9TzKp2Wm6Ny4Bc7Hd1Fg5Js0Ae' });
    expect(prod.security.metricsToken).toBe('off');
    expect(prod.security.sandboxKey).toBe('off');
  });
});
