import { describe, expect, it } from 'vitest';
import { handleSandboxRequest, sandboxOrder } from './sandbox-orders';

describe('sandbox orders', () => {
  it('is deterministic and consistent per status', () => {
    const a = sandboxOrder('XY2026112500123');
    expect(a).not.toBeNull();
    expect(a).toEqual(sandboxOrder('XY2026112500123'));
    expect(sandboxOrder('XY20261125000123')).toMatchObject({ status: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890' });
    for (let i = 0; i < 50; i++) {
      const o = sandboxOrder(`XY88800${i}123`)!;
      expect(o.sandbox).toBe(true);
      expect(o.carrier === null).toBe(o.status === 'paid');
      expect(o.deliveredAt === null).toBe(o.status !== 'delivered');
    }
  });

  it('answers unknown ids and routes with 404 and writes with 405', () => {
    expect(sandboxOrder('abc')).toBeNull();
    expect(sandboxOrder('12345')).toBeNull();
    expect(handleSandboxRequest('GET', '/sandbox/orders/XY20261125009999')).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(handleSandboxRequest('GET', '/sandbox/users/1').status).toBe(404);
    expect(handleSandboxRequest('POST', '/sandbox/orders/XY123456789').status).toBe(405);
    expect(handleSandboxRequest('GET', '/sandbox/orders/2026112512345678')).toMatchObject({ status: 200, body: { orderId: '2026112512345678' } });
  });
});
