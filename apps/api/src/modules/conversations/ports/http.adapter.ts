import { lookup } from 'node:dns/promises';
import type { HttpPort, HttpRequest, HttpResponse, JsonValue } from '@zhishou/flow-schema';
import { handleSandboxRequest } from '../../sandbox/sandbox-orders';
import { isBlockedAddress } from './address-policy';
import { isRepeatable, retryDelayMs } from './retry-policy';

export class BlockedAddressError extends Error {
  constructor(host: string, address: string) {
    super(`refused to call ${host} (${address}): private, loopback or link-local address`);
    this.name = 'BlockedAddressError';
  }
}

export interface HttpAdapterOptions {
  /** Hosts an admin allow-listed: private addresses are allowed for exactly these. */
  allowedHosts: readonly string[];
  resolve?: (host: string) => Promise<string[]>;
  fetchImpl?: typeof fetch;
  /** Waits before a retry (tests pass a recorder); default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

export class NotRepeatableError extends Error {
  constructor(method: string) {
    super(`refused to repeat a ${method} without an Idempotency-Key header (it could act twice)`);
    this.name = 'NotRepeatableError';
  }
}

const MAX_BODY_BYTES = 1_000_000;

async function defaultResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((r) => r.address);
}

function parseBody(text: string, contentType: string | null): JsonValue {
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * The engine's HttpPort: `/sandbox/...` is answered in-process by the sandbox marketplace; absolute
 * http(s) URLs are fetched with the node's timeout after DNS resolution, refusing private, loopback,
 * link-local and unique-local addresses unless the host is allow-listed. A retry (`attempt` > 0) waits
 * first (exponential backoff with full jitter, retry-policy.ts) and is refused for a POST/PATCH without
 * an Idempotency-Key.
 * Known gap: the address is checked before fetch resolves it again (DNS rebinding is not prevented).
 */
export function createHttpAdapter(options: HttpAdapterOptions): HttpPort {
  const resolve = options.resolve ?? defaultResolve;
  const doFetch = options.fetchImpl ?? fetch;
  const allowed = new Set(options.allowedHosts.map((h) => h.toLowerCase()));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      const attempt = request.attempt ?? 0;
      if (attempt > 0) {
        // The engine only retries repeatable requests; this guards every other caller of the port.
        if (!isRepeatable(request.method, request.headers)) throw new NotRepeatableError(request.method);
        await sleep(retryDelayMs(attempt));
      }
      if (request.url.startsWith('/sandbox/')) return handleSandboxRequest(request.method, request.url) as HttpResponse;
      const url = new URL(request.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported protocol ${url.protocol}`);
      const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
      if (!allowed.has(host)) {
        const addresses = await resolve(host);
        if (addresses.length === 0) throw new Error(`cannot resolve ${host}`);
        const blocked = addresses.find(isBlockedAddress);
        if (blocked) throw new BlockedAddressError(host, blocked);
      }
      const response = await doFetch(url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'error', // a redirect could point at a private address
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      const text = await response.text();
      if (text.length > MAX_BODY_BYTES) throw new Error('response body too large');
      return { status: response.status, body: parseBody(text, response.headers.get('content-type')) };
    },
  };
}
