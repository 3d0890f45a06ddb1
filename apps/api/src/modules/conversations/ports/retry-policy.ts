/**
 * The outbound retry limits shared by http nodes, webhooks and HTTP facts: exponential backoff with full
 * jitter (a retry storm from many turns spreads out instead of hammering a struggling API in lockstep),
 * capped, and no repeat of a request that could act twice (POST/PATCH without an Idempotency-Key).
 */
export const RETRY_BASE_MS = 200;
export const RETRY_CAP_MS = 2_000;

/** Wait before retry number `attempt` (1 = the first retry): uniform in [0, min(cap, base·2^(attempt−1))]. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  if (attempt <= 0) return 0;
  return Math.floor(random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempt - 1)));
}

const REPEATABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** True when repeating the request cannot act twice: an idempotent method, or an Idempotency-Key header. */
export function isRepeatable(method: string, headers: Record<string, string> | undefined): boolean {
  return REPEATABLE_METHODS.has(method.toUpperCase()) || Object.keys(headers ?? {}).some((name) => name.toLowerCase() === 'idempotency-key');
}
