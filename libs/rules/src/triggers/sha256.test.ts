import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256, toHex, uuidFromName } from './sha256';

describe('sha256', () => {
  it('matches node:crypto on the standard vectors and on multi-block, non-ASCII text', () => {
    const inputs = ['', 'abc', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '订单已付款'.repeat(40), 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64)];
    for (const input of inputs) expect(toHex(sha256(input))).toBe(createHash('sha256').update(input, 'utf8').digest('hex'));
  });
});

describe('uuidFromName', () => {
  it('is deterministic, UUID-shaped (version 8) and distinct per name', () => {
    const a = uuidFromName('xianyu/orders/unshipped-48h:o1');
    expect(a).toBe(uuidFromName('xianyu/orders/unshipped-48h:o1'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFromName('xianyu/orders/unshipped-48h:o2')).not.toBe(a);
  });
});
