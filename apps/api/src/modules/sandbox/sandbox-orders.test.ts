import { describe, expect, it } from 'vitest';
import { handleSandboxRequest, sandboxOrder } from './sandbox-orders';
import { sandboxItemPhoto } from './sandbox-items';

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

describe('sandbox items and routes', () => {
  it('lists the catalogue, filters it, and answers one item with its seller and photo URLs', () => {
    const all = handleSandboxRequest('GET', '/sandbox/items');
    expect(all.status).toBe(200);
    const { items, total } = all.body as { items: { itemId: string; category: string; photos: string[]; seller: { name: string }; price: number }[]; total: number };
    expect(total).toBe(items.length);
    expect(total).toBeGreaterThanOrEqual(10);
    for (const item of items) {
      expect(item.photos.length).toBeGreaterThan(0);
      expect(item.photos[0]).toBe(`/v1/sandbox/items/${item.itemId}/photos/1.svg`);
      expect(item.seller.name).not.toBe('');
      expect(item.price).toBeGreaterThan(0);
    }
    const audio = handleSandboxRequest('GET', '/sandbox/items?category=audio').body as { items: { category: string }[] };
    expect(audio.items.length).toBeGreaterThan(0);
    expect(audio.items.every((i) => i.category === 'audio')).toBe(true);
    expect((handleSandboxRequest('GET', '/sandbox/items?q=耳机').body as { total: number }).total).toBe(1);
    expect(handleSandboxRequest('GET', '/sandbox/items/it1002')).toMatchObject({ status: 200, body: { title: '索尼 WH-1000XM4 降噪耳机', status: 'on_sale', seller: { sellerId: 's_sh' } } });
    expect(handleSandboxRequest('GET', '/sandbox/items/it9999')).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(sandboxItemPhoto('it1002', 1)).toContain('<svg');
    expect(sandboxItemPhoto('it1002', 3)).toBeNull();
  });

  it('lists its routes, and every listed example answers 200', () => {
    const res = handleSandboxRequest('GET', '/sandbox/routes');
    const { routes } = res.body as { routes: { path: string; example: string }[] };
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/sandbox/orders/{orderId}', '/sandbox/items', '/sandbox/items/{itemId}', '/sandbox/routes']));
    for (const route of routes) expect(handleSandboxRequest('GET', route.example).status, route.example).toBe(200);
  });
});
