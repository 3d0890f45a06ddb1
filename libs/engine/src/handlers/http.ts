import type { HttpResponse, NodeOfKind } from '@zhishou/flow-schema';
import { render, traceNode, type RunContext } from '../context';
import type { NodeHandler } from './types';

type HttpNode = NodeOfKind<'http'>;

function buildRequest(node: HttpNode, ctx: RunContext) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(node.config.headers)) headers[name] = render(ctx, value);
  const body = node.config.body === undefined ? undefined : render(ctx, node.config.body, 'json');
  if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return {
    method: node.config.method,
    url: render(ctx, node.config.url, 'url'),
    headers,
    ...(body === undefined ? {} : { body }),
    timeoutMs: node.config.timeoutMs,
  };
}

/** Methods a retry may repeat; POST and PATCH only with an Idempotency-Key header (the receiver dedupes by it). */
const REPEATABLE_METHODS = new Set(['GET', 'PUT', 'DELETE']);

export function mayRetry(method: string, headers: Record<string, string>): boolean {
  return REPEATABLE_METHODS.has(method.toUpperCase()) || Object.keys(headers).some((name) => name.toLowerCase() === 'idempotency-key');
}

/**
 * Calls an HTTP API through the port. Network errors and 5xx are retried `retries` times (the port backs
 * off with jitter before each retry) — never for a POST/PATCH without an Idempotency-Key header, which
 * could act twice; the result `{ status, body }` is saved either way, and anything but a 2xx at the end
 * leaves by `error`.
 */
export const httpHandler: NodeHandler<'http'> = {
  async enter(node, ctx) {
    const request = buildRequest(node, ctx);
    let response: HttpResponse | null = null;
    let failure = '';
    const retries = mayRetry(request.method, request.headers) ? node.config.retries : 0;
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        response = await ctx.ports.http.request(attempt === 0 ? request : { ...request, attempt });
        failure = '';
        if (response.status < 500) break;
        failure = `status ${response.status}`;
      } catch (error) {
        response = null;
        failure = error instanceof Error ? error.message : String(error);
      }
    }
    ctx.state.vars[node.config.saveAs] = response ? { status: response.status, body: response.body } : { status: 0, body: null };
    const ok = response !== null && response.status >= 200 && response.status < 300;
    const summary = `${request.method} ${request.url} → ${response ? response.status : `failed (${failure})`}`;
    traceNode(ctx, node, ok ? 'enter' : 'error', summary);
    // What the node received, for people testing the flow (the test chat shows it per turn).
    const entry = ctx.trace[ctx.trace.length - 1];
    if (entry) entry.http = { request: { method: request.method, url: request.url }, response: response ? { status: response.status, body: response.body } : null };
    return { type: 'handle', handle: ok ? 'out' : 'error' };
  },
};
