import { Body, Controller, Delete, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { effectSchema, jsonValueSchema, MAX_MESSAGE_LENGTH, nluResultSchema, replySchema, safeText, traceEntrySchema } from '@zhishou/flow-schema';
import { z } from 'zod';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { Roles } from '../auth/decorators';
import { publicStateSchema } from '../conversations/conversation.schemas';
import { PreviewService } from './preview.service';

const sessionParam = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, "_", "-", ".", ":"');
const previewBody = z
  .object({
    messageId: z.string().min(1).max(128),
    text: safeText(MAX_MESSAGE_LENGTH).optional(),
    image: z.string().max(4_000_000).optional(),
    flow: z.string().min(1).max(64),
    version: z.union([z.number().int().positive(), z.literal('draft')]).default('draft'),
    timer: z.boolean().optional(),
  })
  .refine((b) => b.timer === true || (b.text !== undefined && b.text.trim() !== '') || b.image !== undefined, { message: 'send text, an image or timer: true', path: ['text'] });

// Mirrors PreviewResponse (preview.service.ts).
const previewResponse = z.object({
  replies: z.array(replySchema),
  state: publicStateSchema,
  vars: z.record(z.string(), jsonValueSchema).optional().describe('the flow variables after the turn'),
  nlu: nluResultSchema.nullable().describe('null for a timer turn'),
  trace: z.array(traceEntrySchema),
  effects: z.array(effectSchema),
  flow: z.string(),
  version: z.union([z.number().int().positive(), z.literal('draft')]),
  duplicate: z.boolean().describe('the messageId was seen before: the stored response, nothing ran again'),
});
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
    response: previewResponse,
    errors: { 404: 'not_found: no such bot, flow or version' },
  },
  { method: 'DELETE', path: SESSION, tag: 'preview', roles: editors, status: 204, summary: 'Reset a preview session', errors: { 400: 'validation_failed: bad session id' } },
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
