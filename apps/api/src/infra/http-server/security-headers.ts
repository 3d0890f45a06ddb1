import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The CSP fits what this server serves: the designer (Vite bundle; antd and React Flow set inline
 * styles, so style-src allows them; scripts only from here), the swagger UI at /docs (no inline script,
 * see static-routes.ts) and the queue dashboard (bull-board asks Google Fonts for its typeface). No page
 * may be framed. JSON answers carry the same header; it costs nothing and covers error pages.
 */
const BASE_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

function render(policy: Record<string, string[]>): string {
  return Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}

const DEFAULT_CSP = render(BASE_CSP);
const DASHBOARD_CSP = render({
  ...BASE_CSP,
  'style-src': [...BASE_CSP['style-src'], 'https://fonts.googleapis.com'],
  'font-src': [...BASE_CSP['font-src'], 'https://fonts.gstatic.com'],
});

export const HSTS = 'max-age=31536000; includeSubDomains';

/** Behind TLS: the request came over https (directly or per `X-Forwarded-Proto`, Fastify's trustProxy) or the public URL is https. */
function overTls(request: FastifyRequest, publicUrl: string): boolean {
  return request.protocol === 'https' || publicUrl.startsWith('https:');
}

/** Sets the security headers on every response (before any route runs, so errors and 404s have them too). */
export function installSecurityHeaders(fastify: FastifyInstance, publicUrl: string, dashboardPath: string): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('content-security-policy', request.url.startsWith(dashboardPath) ? DASHBOARD_CSP : DEFAULT_CSP);
    void reply.header('x-frame-options', 'DENY');
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('cross-origin-opener-policy', 'same-origin');
    if (overTls(request, publicUrl)) void reply.header('strict-transport-security', HSTS);
    done();
  });
}
