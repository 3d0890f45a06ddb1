import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logging/logger';
import { sanitizeUrl } from '../../src/infra/logging/redact';
import { createTestApp, type TestApp } from '../support';

function captureStream(): { text: () => string; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { text: () => chunks.join(''), stream };
}

describe('secrets stay out of the logs', () => {
  let t: TestApp;
  const log = captureStream();
  beforeAll(async () => {
    t = await createTestApp({ logDestination: log.stream });
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs /admin/queues?token=<JWT> without the token', async () => {
    const response = await fetch(`${t.url}/admin/queues?token=${t.adminToken}&view=1`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    // A key that is not a secret name but carries a token-shaped value is censored as well.
    await t.get(`/v1/bots?x=${t.adminToken}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = log.text();
    expect(text).toContain('/admin/queues?token=[REDACTED]&view=1');
    expect(text).toContain('/v1/bots?x=[REDACTED]');
    expect(text).not.toContain(t.adminToken);
    expect(text).not.toContain(t.adminToken.split('.')[2]);
  });

  it('never logs the login password or credential headers', async () => {
    await t.post('/v1/auth/login', { email: t.admin.email, password: t.admin.password }, { token: null, headers: { cookie: 'sid=secret-cookie-value' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log.text()).not.toContain(t.admin.password);
    expect(log.text()).not.toContain('secret-cookie-value');
  });
});

describe('sanitizeUrl and the logger redaction', () => {
  it('replaces secret query values and keeps the rest', () => {
    expect(sanitizeUrl('/a?token=abc&page=2&API_KEY=zz&password=p%20w&Access-Token=q')).toBe(
      '/a?token=[REDACTED]&page=2&API_KEY=[REDACTED]&password=[REDACTED]&Access-Token=[REDACTED]',
    );
    expect(sanitizeUrl('/v1/x/zk_abcdefghijklmnopqrstuvwx/y')).toBe('/v1/x/[REDACTED]/y');
    expect(sanitizeUrl('/plain')).toBe('/plain');
    expect(sanitizeUrl('/bad?%E0%A4%A=1&token')).toBe('/bad?%E0%A4%A=1&token');
  });

  it('redacts password, token and credential headers of logged objects, and token-shaped text in messages', () => {
    const { text, stream } = captureStream();
    const logger = createLogger('info', 'test', stream);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXBhcnQ';
    logger.info({ body: { email: 'a@b.c', password: 'hunter2-secret' }, headers: { authorization: 'Bearer abc', 'x-api-key': 'k-1', cookie: 'c=1' }, token: 't-1' }, `login with ${jwt}`);
    logger.warn({ user: { apiKey: 'zk-plain-key', secret: 's3' } }, 'nested');
    const out = text();
    for (const secret of ['hunter2-secret', 'Bearer abc', 'k-1', 'c=1', 't-1', jwt, 'zk-plain-key', '"s3"']) expect(out).not.toContain(secret);
    expect(out).toContain('a@b.c');
    expect(out).toContain('login with [REDACTED]');
  });
});
