import { Body, Controller, Delete, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { previewRequestSchema, previewSessionParam, previewTurnSchema } from '@zhishou/flow-schema';
import type { z } from 'zod';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { Roles } from '../auth/decorators';
import { PreviewService } from './preview.service';

const sessionParam = previewSessionParam;
const previewBody = previewRequestSchema;
const SESSION = '/v1/bots/:bot/preview/:session';
const editors = ['editor', 'publisher'] as const;
documentRoutes([
  {
    method: 'POST',
    path: `${SESSION}/messages`,
    tag: 'preview',
    roles: editors,
    status: 200,
    summary: 'Test chat: run a turn of a flow draft or version in a preview session (never a live conversation); always traced. `timer: true` fires the pending timer',
    body: previewBody,
    response: previewTurnSchema,
    errors: { 404: 'not_found: no such bot, flow or version' },
  },
  { method: 'DELETE', path: SESSION, tag: 'preview', roles: editors, status: 204, summary: 'Reset a preview session', response: null, errors: { 400: 'validation_failed: bad session id' } },
]);

/** Test chat for the designer: never touches live conversations; every response carries the trace. */
@Controller('bots/:bot/preview')
@Roles('editor', 'publisher')
export class PreviewController {
  constructor(@Inject(PreviewService) private readonly preview: PreviewService) {}

  @Post(':session/messages')
  @HttpCode(200)
  message(@Param('bot') bot: string, @Param('session', new ZodPipe(sessionParam)) session: string, @Body(new ZodPipe(previewBody)) body: z.infer<typeof previewBody>) {
    return this.preview.message(bot, session, body);
  }

  @Delete(':session')
  @HttpCode(204)
  async reset(@Param('bot') bot: string, @Param('session', new ZodPipe(sessionParam)) session: string): Promise<void> {
    await this.preview.reset(bot, session);
  }
}
