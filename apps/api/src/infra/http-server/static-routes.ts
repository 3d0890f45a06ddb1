import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Registry } from 'prom-client';
import { type AppConfig, REPO_ROOT } from '../config/config';
import { METRICS_REGISTRY } from '../metrics/metrics.module';
import { buildOpenApiDocument, documentRoutes } from './openapi';
import { prometheusTextSchema } from '@zhishou/flow-schema';

const require = createRequire(import.meta.url);

documentRoutes([
  {
    method: 'GET',
    path: '/metrics',
    tag: 'operations',
    auth: 'public',
    summary: 'Prometheus metrics (text exposition format). With METRICS_TOKEN set: `Authorization: Bearer <METRICS_TOKEN>`; in production without it: not served',
    contentType: 'text/plain',
    response: prometheusTextSchema,
    errors: { 401: 'unauthorized: METRICS_TOKEN required', 404: 'not_found: off (production without METRICS_TOKEN)' },
  },
]);

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Zhishou API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body></html>`;
// A file rather than an inline script, so the CSP needs no 'unsafe-inline' for scripts.
const DOCS_INIT_JS = `window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true });\n`;

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Paths the designer's SPA fallback must never answer (they are the api's). */
const API_PATH = /^\/(v1|health|metrics|docs)(\/|$)/;

/**
 * Plain Fastify routes outside Nest (so outside the auth guard, all public): /metrics, /docs (+ the
 * OpenAPI JSON and swagger-ui assets) and, when it is built, the designer at / with an SPA fallback.
 */
export async function registerStaticRoutes(app: NestFastifyApplication, config: AppConfig, served: { method: string; url: string }[]): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const registry = app.get<Registry>(METRICS_REGISTRY);

  const metricsToken = config.security.metricsToken;
  fastify.get('/metrics', async (request, reply) => {
    if (metricsToken === 'off') return reply.status(404).send({ error: 'not_found', message: 'metrics are off: set METRICS_TOKEN', params: {} });
    if (metricsToken !== null) {
      const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!given || !sameSecret(given, metricsToken)) return reply.status(401).send({ error: 'unauthorized', message: 'metrics need Authorization: Bearer <METRICS_TOKEN>', params: {} });
    }
    void reply.header('content-type', registry.contentType);
    return registry.metrics();
  });

  const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  let document: unknown;
  fastify.get('/docs/openapi.json', async () => {
    // Built on first request: every controller file has registered its routes by then.
    document ??= buildOpenApiDocument({ title: 'Zhishou API', version, serverUrl: config.publicUrl }, served);
    return document;
  });
  fastify.get('/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(DOCS_HTML));
  fastify.get('/docs/init.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(DOCS_INIT_JS));
  await app.register(fastifyStatic, { root: dirname(require.resolve('swagger-ui-dist/package.json')), prefix: '/docs/assets/', decorateReply: false });

  const designerIndex = join(config.designerDist, 'index.html');
  if (!existsSync(designerIndex)) return;
  const assetsDir = join(config.designerDist, 'assets') + sep;
  await app.register(fastifyStatic, {
    root: config.designerDist,
    prefix: '/',
    wildcard: false,
    index: false,
    // The build writes .br and .gz beside each asset (apps/designer/vite-precompress.ts); served by Accept-Encoding.
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, path) {
      // Vite names every file under assets/ by its content hash, so it never changes: cache it for a year.
      void reply.header('cache-control', path.startsWith(assetsDir) ? IMMUTABLE : 'no-cache');
    },
  });
  const indexHtml = readFileSync(designerIndex);
  fastify.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (API_PATH.test(path) || /\.[a-z0-9]+$/i.test(path)) {
      return reply.status(404).send({ error: 'not_found', message: `Cannot GET ${path}` });
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });
}
