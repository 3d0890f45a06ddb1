import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Histogram } from 'prom-client';
import type { Logger } from '../logging/logger';
import { runWithLogContext } from '../logging/log-context';
import { sanitizeUrl } from '../logging/redact';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Request id from the caller's `x-request-id` when it looks sane, else a fresh uuid. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * Every request runs inside its own log context (request id, later the conversation id), is timed
 * into the HTTP histogram and logged once when the response is sent.
 */
export function installRequestHooks(fastify: FastifyInstance, logger: Logger, histogram: Histogram<'method' | 'route' | 'status'>): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    runWithLogContext({ requestId: request.id }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    histogram.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    logger[level]({ method: request.method, url: sanitizeUrl(request.url), route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    done();
  });
}
