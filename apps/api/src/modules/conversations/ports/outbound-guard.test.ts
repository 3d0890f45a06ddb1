import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBlockedAddress, parseV6 } from './address-policy';
import { createHttpAdapter } from './http.adapter';
import { BlockedAddressError, type LookupFunction } from './outbound-guard';

describe('address policy on bytes', () => {
  it.each([
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '0:0:0:0:0:ffff:127.0.0.1',
    '0000:0000:0000:0000:0000:FFFF:7F00:0001',
    '[::ffff:127.0.0.1]',
    '::ffff:a00:5', // 10.0.0.5
    '::ffff:a9fe:a9fe', // 169.254.169.254
    '::ffff:0:127.0.0.1', // SIIT
    '::127.0.0.1', // IPv4-compatible
    '64:ff9b::7f00:1', // NAT64
    '64:ff9b:1::1', // local-use NAT64
    '2002:7f00:1::', // 6to4 of 127.0.0.1
    '2002:c0a8:101::1', // 6to4 of 192.168.1.1
    '2001:0:4136:e378:8000:63bf:80ff:fffe', // Teredo, client 127.0.0.1
    '::',
    '::1',
    'fe80::1%eth0',
    'fec0::1',
    'fd12:3456::1',
    'ff02::1',
    '100::1',
    '192.0.2.1',
    'not-an-ip',
  ])('blocks %s', (ip) => expect(isBlockedAddress(ip)).toBe(true));
  it.each(['8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', '2002:808:808::1', '64:ff9b::808:808', '2a00:1450:4001::200e'])('allows %s', (ip) => expect(isBlockedAddress(ip)).toBe(false));
  it('parses every textual form to the same bytes', () => {
    const forms = ['::ffff:127.0.0.1', '::ffff:7f00:1', '0:0:0:0:0:ffff:127.0.0.1', '0:0::ffff:7f00:0001'];
    const expected = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1];
    for (const form of forms) expect(parseV6(form)).toEqual(expected);
    expect(parseV6('1::2::3')).toBeUndefined();
    expect(parseV6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
  });
});

/**
 * Issue 9 item 3: with only `localhost` allow-listed, an http node reached 127.0.0.1 through the
 * IPv6-mapped forms. These run against a real server on 127.0.0.1; the early DNS check is made to
 * answer a public address (what a rebinding name answers first), so only the connect-time guard stands.
 */
describe('outbound requests refused at connect time', () => {
  let server: Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.setHeader('content-type', 'application/json');
      res.end('{"reached":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const publicFirst = async () => ['93.184.216.34'];
  const rebindToLoopback: LookupFunction = (_host, options, callback) =>
    options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
  const get = (url: string) => ({ method: 'GET' as const, url, headers: {}, timeoutMs: 2_000 });

  async function refusal(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      return error instanceof BlockedAddressError ? error : (error as { cause?: unknown }).cause;
    }
    throw new Error('the request went through');
  }

  it.each(['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[0:0:0:0:0:ffff:127.0.0.1]', '127.0.0.1', '[::1]'])('refuses http://%s/', async (host) => {
    const http = createHttpAdapter({ allowedHosts: ['localhost'], resolve: publicFirst });
    const before = hits;
    expect(await refusal(http.request(get(`http://${host}:${port}/`)))).toBeInstanceOf(BlockedAddressError);
    expect(hits).toBe(before);
  });

  it('refuses a host name that resolves to 127.0.0.1 at connect time (DNS rebinding)', async () => {
    const http = createHttpAdapter({ allowedHosts: ['localhost'], resolve: publicFirst, connectLookup: rebindToLoopback });
    const before = hits;
    expect(await refusal(http.request(get(`http://shop.rebind.test:${port}/`)))).toBeInstanceOf(BlockedAddressError);
    expect(hits).toBe(before);
  });

  it('refuses the mapped forms with the real resolver too (the early check reads bytes)', async () => {
    const http = createHttpAdapter({ allowedHosts: ['localhost'] });
    expect(await refusal(http.request(get(`http://[::ffff:7f00:1]:${port}/`)))).toBeInstanceOf(BlockedAddressError);
  });

  it('still reaches an allow-listed host', async () => {
    const http = createHttpAdapter({ allowedHosts: ['localhost'] });
    expect(await http.request(get(`http://localhost:${port}/`))).toEqual({ status: 200, body: { reached: true } });
  });
});
