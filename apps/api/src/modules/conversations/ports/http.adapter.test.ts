import { describe, expect, it } from 'vitest';
import { isBlockedAddress } from './address-policy';
import { BlockedAddressError, createHttpAdapter } from './http.adapter';

describe('address policy', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '100.64.0.1'])(
    'blocks %s',
    (ip) => expect(isBlockedAddress(ip)).toBe(true),
  );
  it.each(['8.8.8.8', '172.32.0.1', '2606:4700::1111', '1.1.1.1'])('allows %s', (ip) => expect(isBlockedAddress(ip)).toBe(false));
});

describe('http adapter', () => {
  const okFetch: typeof fetch = async () => new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });

  it('answers /sandbox/ URLs in-process', async () => {
    const http = createHttpAdapter({ allowedHosts: [], fetchImpl: async () => { throw new Error('no network'); } });
    const res = await http.request({ method: 'GET', url: '/sandbox/orders/XY20261125000123', headers: {}, timeoutMs: 1000 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orderId: 'XY20261125000123', sandbox: true });
  });

  it('refuses hosts that resolve to private addresses unless allow-listed', async () => {
    const resolve = async () => ['10.0.0.5'];
    const http = createHttpAdapter({ allowedHosts: [], resolve, fetchImpl: okFetch });
    await expect(http.request({ method: 'GET', url: 'http://internal.example/x', headers: {}, timeoutMs: 1000 })).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(http.request({ method: 'GET', url: 'http://127.0.0.1:5432/', headers: {}, timeoutMs: 1000 })).rejects.toThrow(/refused/);
    const allowed = createHttpAdapter({ allowedHosts: ['internal.example'], resolve, fetchImpl: okFetch });
    expect(await allowed.request({ method: 'GET', url: 'http://internal.example/x', headers: {}, timeoutMs: 1000 })).toEqual({ status: 200, body: { ok: true } });
  });

  it('fetches public hosts and parses JSON', async () => {
    const http = createHttpAdapter({ allowedHosts: [], resolve: async () => ['93.184.216.34'], fetchImpl: okFetch });
    expect(await http.request({ method: 'GET', url: 'https://shop.example/o/1', headers: {}, timeoutMs: 1000 })).toEqual({ status: 200, body: { ok: true } });
  });
});
