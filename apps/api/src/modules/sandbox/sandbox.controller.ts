import { Controller, Get, HttpException, Param } from '@nestjs/common';
import { z } from 'zod';
import { documentRoutes } from '../../infra/http-server/openapi';
import { Public } from '../auth/decorators';
import { handleSandboxRequest, type SandboxOrder } from './sandbox-orders';

// Mirrors SandboxOrder (sandbox-orders.ts).
const sandboxOrderSchema = z.object({
  orderId: z.string(),
  status: z.enum(['paid', 'shipped', 'delivered']),
  item: z.string(),
  price: z.number(),
  carrier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  paidAt: z.iso.datetime(),
  shippedAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  sandbox: z.literal(true),
});
documentRoutes([
  { method: 'GET', path: '/v1/sandbox/orders/:orderId', tag: 'sandbox', auth: 'public', summary: 'SANDBOX marketplace (demo/test only): a deterministic fake order', response: sandboxOrderSchema, errors: { 404: 'not_found: not a sandbox order id' } },
]);

/**
 * SANDBOX marketplace, for demos and tests only: deterministic fake orders. Public and read-only (it
 * holds no real data); flows reach it in-process through the relative URL `/sandbox/orders/<id>`.
 */
@Controller('sandbox')
export class SandboxController {
  @Get('orders/:orderId')
  @Public()
  order(@Param('orderId') orderId: string): SandboxOrder {
    const res = handleSandboxRequest('GET', `/sandbox/orders/${encodeURIComponent(orderId)}`);
    if (res.status !== 200) throw new HttpException(res.body, res.status);
    return res.body as SandboxOrder;
  }
}
