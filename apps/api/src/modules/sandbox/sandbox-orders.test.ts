import { describe, expect, it } from 'vitest';
import { handleSandboxRequest, sandboxOrder } from './sandbox-orders';

describe('sandbox orders', () => {
  it('is deterministic and consistent per status', () => {
    const a = sandboxOrder('2026112500123');
    expect(a).toEqual(sandboxOrder('2026112500123'));
    for (let i = 0; i < 50; i++) {
      const o = sandboxOrder(`88800${i}123`)!;
      expect(o.sandbox).toBe(true);
      expect(o.carrier === null).toBe(o.status === 'paid');
      expect(o.deliveredAt === null).toBe(o.status !== 'delivered');
    }
  });

  it('answers unknown ids and routes with 404 and writes with 405', () => {
    expect(sandboxOrder('abc')).toBeNull();
    expect(handleSandboxRequest('GET', '/sandbox/orders/1234560000').status).toBe(404);
    expect(handleSandboxRequest('GET', '/sandbox/users/1').status).toBe(404);
    expect(handleSandboxRequest('POST', '/sandbox/orders/123456789').status).toBe(405);
    expect(handleSandboxRequest('GET', '/sandbox/orders/123456789')).toMatchObject({ status: 200, body: { orderId: '123456789' } });
  });
});
