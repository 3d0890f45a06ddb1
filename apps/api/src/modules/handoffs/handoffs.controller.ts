import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/principal';
import { HandoffsService } from './handoffs.service';

const listQuery = z.object({ bot: z.string().optional(), status: z.enum(['open', 'claimed', 'released', 'active']).optional() });
const replyBody = z.object({ text: z.string().trim().min(1).max(4000) });
const uuidParam = z.uuid();

/** Agent inbox API (agents and admins). */
@Controller('handoffs')
@Roles('agent')
export class HandoffsController {
  constructor(@Inject(HandoffsService) private readonly handoffs: HandoffsService) {}

  @Get()
  async list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>) {
    return { handoffs: await this.handoffs.list(q) };
  }

  @Get(':id')
  get(@Param('id', new ZodPipe(uuidParam)) id: string) {
    return this.handoffs.get(id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  claim(@Param('id', new ZodPipe(uuidParam)) id: string, @CurrentUser() user: AuthUser) {
    return this.handoffs.claim(id, user);
  }

  @Post(':id/reply')
  @HttpCode(200)
  reply(@Param('id', new ZodPipe(uuidParam)) id: string, @Body(new ZodPipe(replyBody)) body: z.infer<typeof replyBody>, @CurrentUser() user: AuthUser) {
    return this.handoffs.reply(id, body.text, user);
  }

  @Post(':id/release')
  @HttpCode(200)
  async release(@Param('id', new ZodPipe(uuidParam)) id: string, @CurrentUser() user: AuthUser) {
    const { handoff, turn } = await this.handoffs.release(id, user);
    return { handoff, replies: turn.body.replies, state: turn.body.state };
  }
}
