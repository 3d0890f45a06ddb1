import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedHeaders, signPayload, verifySignature } from './signature';

describe('outbound webhook signature', () => {
  const secret = 's3cret-s3cret-s3cret';
  const body = '{"text":"你好"}';

  it('is HMAC-SHA256 over "timestamp.body"', () => {
    expect(signPayload(secret, 1_700_000_000, body)).toBe(`v1=${createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex')}`);
  });

  it('verifies its own headers and refuses tampering, other secrets and stale timestamps', () => {
    const now = 1_764_000_000_000;
    const headers = signedHeaders(secret, body, 'd1', now);
    const given = { timestamp: headers['x-zhishou-timestamp'], signature: headers['x-zhishou-signature'] };
    expect(headers['x-zhishou-delivery']).toBe('d1');
    expect(verifySignature(secret, given, body, now / 1000)).toBe(true);
    expect(verifySignature(secret, given, body.replace('你好', '再见'), now / 1000)).toBe(false);
    expect(verifySignature('other-secret-other', given, body, now / 1000)).toBe(false);
    expect(verifySignature(secret, given, body, now / 1000 + 301)).toBe(false);
    expect(verifySignature(secret, { timestamp: undefined, signature: given.signature }, body, now / 1000)).toBe(false);
  });
});
