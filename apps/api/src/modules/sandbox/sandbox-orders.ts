import { createHash } from 'node:crypto';
import type { SandboxOrder, SandboxRoute } from '@zhishou/flow-schema';
import { sandboxItem, sandboxItems, type SandboxItem } from './sandbox-items';

/**
 * SANDBOX marketplace: a small deterministic fake order catalogue for demos and tests. It is not a
 * real marketplace integration; the demo flow's http node calls `/sandbox/orders/{{slots.order_id}}`.
 */
export type { SandboxOrder };

const STATUSES = ['paid', 'shipped', 'delivered'] as const;
const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达快递'] as const;
const ITEMS = ['九成新 iPhone 13 128G', 'Switch 游戏机 + 两个手柄', '索尼 WH-1000XM4 耳机', '宜家书桌', '小米空气净化器'] as const;
const BASE_TIME = Date.UTC(2026, 10, 1, 8, 0, 0);
const HOUR = 3_600_000;

/**
 * Order ids look like the demo NLU's `order_id` entity: `XY` + 8–19 digits, or 16–19 bare digits.
 * Ids ending in 9999 do not exist (to demo "order not found").
 */
const ORDER_ID = /^(?:XY\d{8,19}|\d{16,19})$/;

/** Fixed orders the demo's golden transcripts and docs refer to; every other valid id is generated from its hash. */
const FIXTURES: Record<string, Omit<SandboxOrder, 'orderId' | 'sandbox'>> = {
  XY20261125000123: {
    status: 'shipped',
    item: '索尼 WH-1000XM4 耳机',
    price: 899,
    carrier: '顺丰速运',
    trackingNo: 'SF1234567890',
    paidAt: '2026-11-20T08:00:00.000Z',
    shippedAt: '2026-11-21T04:00:00.000Z',
    deliveredAt: null,
  },
  XY20261125000456: {
    status: 'paid',
    item: '宜家书桌',
    price: 300,
    carrier: null,
    trackingNo: null,
    paidAt: '2026-11-24T08:00:00.000Z',
    shippedAt: null,
    deliveredAt: null,
  },
};

export function sandboxOrder(orderId: string): SandboxOrder | null {
  if (!ORDER_ID.test(orderId) || orderId.endsWith('9999')) return null;
  const fixture = FIXTURES[orderId];
  if (fixture) return { orderId, ...fixture, sandbox: true };
  const h = createHash('sha256').update(orderId).digest();
  const status = STATUSES[h[0]! % STATUSES.length]!;
  const carrier = CARRIERS[h[1]! % CARRIERS.length]!;
  const paidAt = BASE_TIME + (h[2]! % 200) * HOUR;
  const shipped = status !== 'paid';
  const delivered = status === 'delivered';
  return {
    orderId,
    status,
    item: ITEMS[h[3]! % ITEMS.length]!,
    price: 50 + (h.readUInt16BE(4) % 4000),
    carrier: shipped ? carrier : null,
    trackingNo: shipped ? `SF${h.readUInt32BE(6).toString().padStart(10, '0')}` : null,
    paidAt: new Date(paidAt).toISOString(),
    shippedAt: shipped ? new Date(paidAt + 20 * HOUR).toISOString() : null,
    deliveredAt: delivered ? new Date(paidAt + 68 * HOUR).toISOString() : null,
    sandbox: true,
  };
}

export type { SandboxRoute };

/** Every sandbox route, for the designer's http node picker and `GET /sandbox/routes`. */
export const SANDBOX_ROUTES: SandboxRoute[] = [
  { method: 'GET', path: '/sandbox/orders/{orderId}', fields: ['orderId', 'status', 'item', 'price', 'carrier', 'trackingNo', 'paidAt', 'shippedAt', 'deliveredAt'], example: '/sandbox/orders/XY20261125000123', description: 'a deterministic fake order (status paid | shipped | delivered); ids ending in 9999 do not exist' },
  { method: 'GET', path: '/sandbox/items', fields: ['items', 'total'], example: '/sandbox/items?category=audio', description: 'the listing catalogue, filtered by ?category=, ?status= and ?q= (title contains)' },
  { method: 'GET', path: '/sandbox/items/{itemId}', fields: ['itemId', 'title', 'price', 'category', 'status', 'seller', 'photos'], example: '/sandbox/items/it1002', description: 'one listing: title, price, category, status (on_sale | reserved | sold), seller, photo URLs' },
  { method: 'GET', path: '/sandbox/routes', fields: ['routes'], example: '/sandbox/routes', description: 'this list' },
];

export interface SandboxResponse {
  status: number;
  body: SandboxOrder | SandboxItem | { items: SandboxItem[]; total: number } | { routes: SandboxRoute[] } | { error: string; message: string; params: Record<string, string> };
}

const notFound = (message: string, resource = 'sandbox_route', id = ''): SandboxResponse => ({ status: 404, body: { error: 'not_found', message, params: { resource, id } } });

/** Routes a sandbox path (`/sandbox/orders/<id>`, `/sandbox/items…`, `/sandbox/routes`) the way the HTTP controller does, for in-process calls. */
export function handleSandboxRequest(method: string, path: string): SandboxResponse {
  const url = new URL(path, 'http://sandbox.invalid');
  const pathname = url.pathname.replace(/\/$/, '');
  const order = /^\/sandbox\/orders\/([^/]+)$/.exec(pathname);
  const item = /^\/sandbox\/items\/([^/]+)$/.exec(pathname);
  const known = order || item || pathname === '/sandbox/items' || pathname === '/sandbox/routes';
  if (!known) return notFound(`sandbox has no route ${url.pathname}; GET /sandbox/routes lists them`, 'sandbox_route', url.pathname);
  if (method.toUpperCase() !== 'GET') return { status: 405, body: { error: 'method_not_allowed', message: 'the sandbox is read-only', params: {} } };
  if (pathname === '/sandbox/routes') return { status: 200, body: { routes: SANDBOX_ROUTES } };
  if (pathname === '/sandbox/items') {
    const items = sandboxItems({ category: url.searchParams.get('category') ?? undefined, status: url.searchParams.get('status') ?? undefined, q: url.searchParams.get('q') ?? undefined });
    return { status: 200, body: { items, total: items.length } };
  }
  if (item) {
    const found = sandboxItem(decodeURIComponent(item[1]!));
    return found ? { status: 200, body: found } : notFound(`item ${item[1]} not found (sandbox)`, 'item', item[1]!);
  }
  const found = sandboxOrder(decodeURIComponent(order![1]!));
  return found ? { status: 200, body: found } : notFound(`order ${order![1]} not found (sandbox)`, 'order', order![1]!);
}
