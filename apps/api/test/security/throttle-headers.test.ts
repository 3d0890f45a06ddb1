import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, setupBot } from '../chat/chat-fixtures';
import { createTestApp, type TestApp, type TestResponse } from '../support';

const LOCKOUT_ENV = { LOGIN_MAX_FAILURES: '5', LOGIN_LOCKOUT_SECONDS: '1', LOGIN_LOCKOUT_MAX_SECONDS: '3', LOGIN_MAX_FAILURES_PER_IP: '100000' };

async function wrongLogins(t: TestApp, n: number, headers: Record<string, string> = {}): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  for (let sent = 0; sent < n; sent += 10) {
    const batch = await Promise.all(Array.from({ length: Math.min(10, n - sent) }, () => t.post('/v1/auth/login', { email: t.admin.email, password: 'wrong-password' }, { token: null, headers })));
    for (const r of batch) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  }
  return statuses;
}

function retryAfter(response: TestResponse): number {
  return Number(response.headers.get('retry-after'));
}

// Both stores: Redis (with REDIS_URL) and Postgres (without), so several api instances agree either way.
describe.each(['bullmq', 'pgboss'] as const)('login lockout (%s setup)', (queue) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ queue, env: LOCKOUT_ENV });
  });
  afterAll(async () => {
    await t.close();
  });

  it('after 300 wrong logins the right password is refused until the lockout ends', { timeout: 60_000 }, async () => {
    // Attempts are counted before the password is checked: of 10 at once exactly 5 are checked.
    const first = await wrongLogins(t, 10);
    expect(Object.fromEntries(first)).toEqual({ 401: 5, 429: 5 });
    const started = Date.now();
    const statuses = await wrongLogins(t, 290);
    const seconds = (Date.now() - started) / 1000;
    expect((statuses.get(401) ?? 0) + (statuses.get(429) ?? 0)).toBe(290);
    // 5 tries per lockout, and a lockout lasts at least 1 s (1 s, 2 s, then 3 s each).
    expect(statuses.get(401) ?? 0).toBeLessThanOrEqual(5 * Math.ceil(seconds));

    const refused = await t.post('/v1/auth/login', { email: t.admin.email, password: t.admin.password }, { token: null });
    expect(refused.status).toBe(429);
    const wait = retryAfter(refused);
    expect(refused.body).toMatchObject({ error: 'login_locked', params: { seconds: wait } });
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(3);

    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 200));
    const accepted = await t.post('/v1/auth/login', { email: t.admin.email, password: t.admin.password }, { token: null });
    expect(accepted.status).toBe(200);
  });
});

describe('login lockout per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '100', LOGIN_MAX_FAILURES_PER_IP: '3', LOGIN_LOCKOUT_SECONDS: '30' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('locks an address that tries many accounts, not the other addresses', async () => {
    const from = (ip: string) => ({ token: null, headers: { 'x-forwarded-for': ip } });
    for (const email of ['a@test.local', 'b@test.local', 'c@test.local']) {
      const wrong = await t.post('/v1/auth/login', { email, password: 'guess-1234' }, from('10.1.1.1'));
      expect([wrong.status, wrong.body]).toMatchObject([401, { error: 'invalid_credentials' }]);
    }
    const locked = await t.post('/v1/auth/login', { email: t.admin.email, password: t.admin.password }, from('10.1.1.1'));
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: 'login_locked' });
    expect(retryAfter(locked)).toBeGreaterThan(20);
    expect((await t.post('/v1/auth/login', { email: t.admin.email, password: t.admin.password }, from('10.1.1.2'))).status).toBe(200);
  });
});

describe('per-API-key rate limits, security headers, metrics and sandbox', () => {
  let t: TestApp;
  let key: string;
  const metricsToken = 'metrics-token-7f3a9c1e5b';
  beforeAll(async () => {
    t = await createTestApp({ env: { CHAT_RATE_LIMIT_PER_MINUTE: '3', EVENTS_RATE_LIMIT_PER_MINUTE: '3', METRICS_TOKEN: metricsToken, SANDBOX_KEY: 'sandbox-key-0b1c2d3e4f' } });
    key = await setupBot(t, 'shop');
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers chat over the limit with 429 and Retry-After; another key keeps its own budget', async () => {
    const results: TestResponse[] = [];
    // Limit 3 per fixed minute: 7 requests cross at most one window boundary, so at least one is refused.
    for (let i = 0; i < 7; i++) results.push(await t.post('/v1/bots/shop/conversations/c1/messages', { messageId: `m${i}`, text: '你好' }, { token: key }));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(6);
    const wait = retryAfter(limited[0]!);
    expect(limited[0]!.body).toMatchObject({ error: 'rate_limited', params: { seconds: wait } });
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);

    const other = must(await t.post<{ key: string }>('/v1/bots/shop/api-keys', { name: 'second' }), 201).key;
    expect((await t.post('/v1/bots/shop/conversations/c2/messages', { messageId: 'x', text: '你好' }, { token: other })).status).toBe(200);
    // Logged-in users (the designer's test chat) are not limited by the key budget.
    expect((await t.post('/v1/bots/shop/conversations/c3/messages', { messageId: 'y', text: '你好' })).status).toBe(200);
  });

  it('rate-limits events per key, on both event routes', async () => {
    const event = (n: number) => ({ eventId: `e-${n}`, type: 'order.paid', occurredAt: new Date().toISOString(), subject: { orderId: `o-${n}` }, data: {} });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.post(i % 2 ? '/v1/events' : '/v1/bots/shop/events', event(i), { token: key })).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(6);
  });

  it('sets the security headers on every response, HSTS only behind TLS', async () => {
    for (const path of ['/health', '/v1/bots', '/v1/nope', '/docs', '/v1/bots/shop/flows/main']) {
      const response = await t.get(path);
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
    const tls = await t.get('/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    // The swagger UI runs without inline script.
    const docs = await t.get<string>('/docs');
    expect(docs.body).not.toMatch(/<script>/);
    expect((await t.get<string>('/docs/init.js')).body).toContain('SwaggerUIBundle');
  });

  it('serves /metrics only with METRICS_TOKEN, and the sandbox only with its key', async () => {
    expect((await t.get('/metrics', { token: null })).status).toBe(401);
    expect((await t.get('/metrics', { token: t.adminToken })).status).toBe(401);
    const metrics = await t.get<string>('/metrics', { token: metricsToken });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('http_request_duration_seconds');
    expect((await t.get('/v1/sandbox/orders/o-1001', { token: null })).status).toBe(401);
    expect((await t.get('/v1/sandbox/orders/o-1001', { token: null, headers: { 'x-sandbox-key': 'sandbox-key-0b1c2d3e4f' } })).status).not.toBe(401);
  });
});
