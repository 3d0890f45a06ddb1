import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { handoffListQuerySchema, handoffListSchema, handoffReleaseSchema, handoffReplyRequestSchema, handoffReplySchema, handoffSchema } from '@zhishou/flow-schema';
import { z } from 'zod';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Roles } from '../auth/decorators';
import { NotFoundError } from '../../infra/http-server/errors';
import { type AuthUser, botsWithRole } from '../auth/principal';
import { HandoffsService } from './handoffs.service';

const listQuery = handoffListQuerySchema;
const replyBody = handoffReplyRequestSchema;
const uuidParam = z.uuid();
const HANDOFF = '/v1/handoffs/:id';
const agents = ['agent'] as const;
const badId = 'validation_failed: `id` is not a uuid';
const notClaimed = 'released: already handed back | not_claimed: claim it first (admins may act on any)';
documentRoutes([
  { method: 'GET', path: '/v1/handoffs', tag: 'handoffs', roles: agents, summary: 'Agent inbox: handoffs, optionally by bot and status (`active` = open or claimed)', query: listQuery, response: handoffListSchema },
  { method: 'GET', path: HANDOFF, tag: 'handoffs', roles: agents, summary: 'Get a handoff', response: handoffSchema, errors: { 400: badId, 404: 'not_found' } },
  { method: 'POST', path: `${HANDOFF}/claim`, tag: 'handoffs', roles: agents, status: 200, summary: 'Claim an open handoff', response: handoffSchema, errors: { 400: badId, 404: 'not_found', 409: 'already_claimed' } },
  { method: 'POST', path: `${HANDOFF}/reply`, tag: 'handoffs', roles: agents, status: 200, summary: "Send an agent message into the conversation's transcript", body: replyBody, response: handoffReplySchema, errors: { 404: 'not_found', 409: notClaimed } },
  {
    method: 'POST',
    path: `${HANDOFF}/release`,
    tag: 'handoffs',
    roles: agents,
    status: 200,
    summary: 'Hand the conversation back to the bot; the flow resumes and its replies are returned',
    response: handoffReleaseSchema,
    errors: { 400: badId, 404: 'not_found', 409: notClaimed },
  },
]);

/** Agent inbox API (admins, and agents on the bots granted to them as agent: other bots' handoffs are not there). */
@Controller('handoffs')
@Roles('agent')
export class HandoffsController {
  constructor(@Inject(HandoffsService) private readonly handoffs: HandoffsService) {}

  @Get()
  async list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>, @CurrentUser() user: AuthUser) {
    const bots = botsWithRole(user, agents);
    return { handoffs: await this.handoffs.list({ ...q, ...(bots === 'all' ? {} : { bots }) }) };
  }

  @Get(':id')
  get(@Param('id', new ZodPipe(uuidParam)) id: string, @CurrentUser() user: AuthUser) {
    return this.visible(id, user);
  }

  @Post(':id/claim')
  @HttpCode(200)
  async claim(@Param('id', new ZodPipe(uuidParam)) id: string, @CurrentUser() user: AuthUser) {
    await this.visible(id, user);
    return this.handoffs.claim(id, user);
  }

  @Post(':id/reply')
  @HttpCode(200)
  async reply(@Param('id', new ZodPipe(uuidParam)) id: string, @Body(new ZodPipe(replyBody)) body: z.infer<typeof replyBody>, @CurrentUser() user: AuthUser) {
    await this.visible(id, user);
    return this.handoffs.reply(id, body.text, user);
  }

  @Post(':id/release')
  @HttpCode(200)
  async release(@Param('id', new ZodPipe(uuidParam)) id: string, @CurrentUser() user: AuthUser) {
    await this.visible(id, user);
    const { handoff, turn } = await this.handoffs.release(id, user);
    return { handoff, replies: turn.body.replies, state: turn.body.state };
  }

  /** The handoff when it belongs to a bot the user is an agent of (admins: any); else 404, as if it did not exist. */
  private async visible(id: string, user: AuthUser) {
    const handoff = await this.handoffs.get(id);
    const bots = botsWithRole(user, agents);
    if (bots !== 'all' && !bots.includes(handoff.botKey)) throw new NotFoundError('handoff', id);
    return handoff;
  }
}
