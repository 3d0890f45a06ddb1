import { describe, expect, it } from 'vitest';
import { createHttpAdapter, NotRepeatableError } from './http.adapter';
import { isRepeatable, RETRY_CAP_MS, retryDelayMs } from './retry-policy';

describe('outbound retry policy', () => {
  it('backs off exponentially with full jitter, capped', () => {
    expect(retryDelayMs(0)).toBe(0);
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, () => 0.999))).toEqual([199, 399, 799, 1598, 1998]);
    expect(retryDelayMs(30, () => 0.999)).toBeLessThan(RETRY_CAP_MS);
    expect(retryDelayMs(3, () => 0)).toBe(0);
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(4)));
    expect(spread.size).toBeGreaterThan(10);
  });

  it('repeats only requests that cannot act twice', () => {
    expect(isRepeatable('GET', {})).toBe(true);
    expect(isRepeatable('PUT', {})).toBe(true);
    expect(isRepeatable('POST', {})).toBe(false);
    expect(isRepeatable('PATCH', { 'content-type': 'application/json' })).toBe(false);
    expect(isRepeatable('POST', { 'Idempotency-Key': 'k1' })).toBe(true);
  });

  it('the http adapter waits before a retry and refuses to repeat a POST without a key', async () => {
    const waits: number[] = [];
    let calls = 0;
    const http = createHttpAdapter({
      allowedHosts: [],
      resolve: async () => ['93.184.216.34'],
      fetchImpl: async () => (calls++, new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })),
      sleep: async (ms) => void waits.push(ms),
    });
    const get = { method: 'GET', url: 'https://shop.example/o/1', headers: {}, timeoutMs: 1000 };
    await http.request(get);
    await http.request({ ...get, attempt: 1 });
    await http.request({ ...get, attempt: 3 });
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeLessThan(200);
    expect(waits[1]).toBeLessThan(800);
    await expect(http.request({ ...get, method: 'POST', body: '{}', attempt: 1 })).rejects.toBeInstanceOf(NotRepeatableError);
    expect(calls).toBe(3);
    await http.request({ ...get, method: 'POST', body: '{}', headers: { 'idempotency-key': 'x' }, attempt: 1 });
    expect(calls).toBe(4);
  });
});
