import { Controller, Get, HttpException, Param } from '@nestjs/common';
import { Public } from '../auth/decorators';
import { handleSandboxRequest, type SandboxOrder } from './sandbox-orders';

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
