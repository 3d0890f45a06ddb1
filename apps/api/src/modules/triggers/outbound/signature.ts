import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Outbound webhook signatures: HMAC-SHA256 over `${timestamp}.${body}` with the shared secret, sent as
 * `X-Zhishou-Signature: v1=<hex>` beside `X-Zhishou-Timestamp: <unix seconds>`. Receivers recompute it
 * and refuse old timestamps (replay window), like Stripe-style webhooks.
 */
export const SIGNATURE_HEADER = 'x-zhishou-signature';
export const TIMESTAMP_HEADER = 'x-zhishou-timestamp';
export const DELIVERY_HEADER = 'x-zhishou-delivery';

export function signPayload(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Receiver-side check (used by tests and documented for integrators). */
export function verifySignature(secret: string, headers: { timestamp: string | undefined; signature: string | undefined }, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || !headers.signature) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function signedHeaders(secret: string, body: string, deliveryId: string, nowMs: number): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'content-type': 'application/json',
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signPayload(secret, timestamp, body),
    [DELIVERY_HEADER]: deliveryId,
  };
}
