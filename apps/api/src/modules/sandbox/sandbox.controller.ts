import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, Controller, type ExecutionContext, Get, Header, HttpException, Inject, Injectable, Param, Query, UseGuards } from '@nestjs/common';
import { sandboxItemListSchema, sandboxItemSchema, sandboxOrderSchema, sandboxRouteListSchema, svgImageSchema } from '@zhishou/flow-schema';
import { type AppConfig, CONFIG } from '../../infra/config/config';
import { DomainError, UnauthorizedError } from '../../infra/http-server/errors';
import { documentRoutes } from '../../infra/http-server/openapi';
import { Public } from '../auth/decorators';
import { sandboxItemPhoto, type SandboxItem } from './sandbox-items';
import { handleSandboxRequest, type SandboxOrder, type SandboxRoute } from './sandbox-orders';

documentRoutes([
  { method: 'GET', path: '/v1/sandbox/routes', tag: 'sandbox', auth: 'public', summary: 'SANDBOX marketplace: every route it answers (what a flow\'s http node can call)', response: sandboxRouteListSchema },
  { method: 'GET', path: '/v1/sandbox/items', tag: 'sandbox', auth: 'public', summary: 'SANDBOX marketplace: the listing catalogue (?category=, ?status=, ?q=)', response: sandboxItemListSchema },
  { method: 'GET', path: '/v1/sandbox/items/:itemId', tag: 'sandbox', auth: 'public', summary: 'SANDBOX marketplace: one listing', response: sandboxItemSchema, errors: { 404: 'not_found: not a sandbox item id' } },
  { method: 'GET', path: '/v1/sandbox/items/:itemId/photos/:photo', tag: 'sandbox', auth: 'public', summary: 'SANDBOX marketplace: a placeholder listing photo (SVG)', contentType: 'image/svg+xml', response: svgImageSchema, errors: { 404: 'not_found: no such photo' } },
  { method: 'GET', path: '/v1/sandbox/orders/:orderId', tag: 'sandbox', auth: 'public', summary: 'SANDBOX marketplace (demo/test only): a deterministic fake order', response: sandboxOrderSchema, errors: { 404: 'not_found: not a sandbox order id' } },
]);

function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}

/**
 * Who may call the sandbox over HTTP: anyone in development and test; with SANDBOX_KEY set, only with
 * `X-Sandbox-Key: <SANDBOX_KEY>`; in production without a key nobody (404). Flows reach the sandbox in
 * process, never through this.
 */
@Injectable()
export class SandboxKeyGuard implements CanActivate {
  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.security.sandboxKey;
    if (expected === null) return true;
    if (expected === 'off') throw new DomainError(404, 'not_found', 'the sandbox is off in production without SANDBOX_KEY', {}, { resource: 'sandbox' });
    const header = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['x-sandbox-key'];
    const given = Array.isArray(header) ? header[0] : header;
    if (!given || !sameSecret(given, expected)) throw new UnauthorizedError('the sandbox needs X-Sandbox-Key');
    return true;
  }
}

/**
 * SANDBOX marketplace, for demos and tests only: deterministic fake orders. Public and read-only (it
 * holds no real data); flows reach it in-process through the relative URL `/sandbox/orders/<id>`.
 */
@Controller('sandbox')
@UseGuards(SandboxKeyGuard)
export class SandboxController {
  @Get('routes')
  @Public()
  routes(): { routes: SandboxRoute[] } {
    return this.answer('/sandbox/routes') as { routes: SandboxRoute[] };
  }

  @Get('items')
  @Public()
  items(@Query() query: Record<string, string | undefined>): { items: SandboxItem[]; total: number } {
    const search = new URLSearchParams();
    for (const key of ['category', 'status', 'q'] as const) if (typeof query[key] === 'string') search.set(key, query[key]);
    return this.answer(`/sandbox/items?${search.toString()}`) as { items: SandboxItem[]; total: number };
  }

  @Get('items/:itemId')
  @Public()
  item(@Param('itemId') itemId: string): SandboxItem {
    return this.answer(`/sandbox/items/${encodeURIComponent(itemId)}`) as SandboxItem;
  }

  @Get('items/:itemId/photos/:photo')
  @Public()
  @Header('content-type', 'image/svg+xml; charset=utf-8')
  @Header('cache-control', 'public, max-age=86400')
  photo(@Param('itemId') itemId: string, @Param('photo') photo: string): string {
    const svg = sandboxItemPhoto(itemId, Number(photo.replace(/\.svg$/, '')));
    if (svg === null) throw new HttpException({ error: 'not_found', message: `item ${itemId} has no photo ${photo} (sandbox)`, params: { resource: 'photo', id: photo } }, 404);
    return svg;
  }

  private answer(path: string): unknown {
    const res = handleSandboxRequest('GET', path);
    if (res.status !== 200) throw new HttpException(res.body, res.status);
    return res.body;
  }

  @Get('orders/:orderId')
  @Public()
  order(@Param('orderId') orderId: string): SandboxOrder {
    const res = handleSandboxRequest('GET', `/sandbox/orders/${encodeURIComponent(orderId)}`);
    if (res.status !== 200) throw new HttpException(res.body, res.status);
    return res.body as SandboxOrder;
  }
}
