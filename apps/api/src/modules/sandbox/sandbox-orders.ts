import { createHash } from 'node:crypto';

/**
 * SANDBOX marketplace: a small deterministic fake order catalogue for demos and tests. It is not a
 * real marketplace integration; the demo flow's http node calls `/sandbox/orders/{{slots.order_id}}`.
 */
export interface SandboxOrder {
  orderId: string;
  status: 'paid' | 'shipped' | 'delivered';
  item: string;
  price: number;
  carrier: string | null;
  trackingNo: string | null;
  paidAt: string;
  shippedAt: string | null;
  deliveredAt: string | null;
  sandbox: true;
}

const STATUSES = ['paid', 'shipped', 'delivered'] as const;
const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达快递'] as const;
const ITEMS = ['九成新 iPhone 13 128G', 'Switch 游戏机 + 两个手柄', '索尼 WH-1000XM4 耳机', '宜家书桌', '小米空气净化器'] as const;
const BASE_TIME = Date.UTC(2026, 10, 1, 8, 0, 0);
const HOUR = 3_600_000;

/** Order ids the sandbox knows: 6–20 digits (the demo NLU extracts them as `order_id`). Ids ending in 0000 do not exist. */
const ORDER_ID = /^\d{6,20}$/;

export function sandboxOrder(orderId: string): SandboxOrder | null {
  if (!ORDER_ID.test(orderId) || orderId.endsWith('0000')) return null;
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

export interface SandboxResponse {
  status: number;
  body: SandboxOrder | { error: string; message: string };
}

/** Routes a sandbox path (`/sandbox/orders/<id>`) the way the HTTP controller does, for in-process calls. */
export function handleSandboxRequest(method: string, path: string): SandboxResponse {
  const match = /^\/sandbox\/orders\/([^/?#]+)\/?(?:\?.*)?$/.exec(path);
  if (!match) return { status: 404, body: { error: 'not_found', message: `sandbox has no route ${path}` } };
  if (method.toUpperCase() !== 'GET') return { status: 405, body: { error: 'method_not_allowed', message: 'the sandbox is read-only' } };
  const order = sandboxOrder(decodeURIComponent(match[1]!));
  return order ? { status: 200, body: order } : { status: 404, body: { error: 'not_found', message: `order ${match[1]} not found (sandbox)` } };
}
