import { Body, Controller, Delete, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '../../infra/http-server/validation';
import { Roles } from '../auth/decorators';
import { PreviewService } from './preview.service';

const sessionParam = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, "_", "-", ".", ":"');
const previewBody = z
  .object({
    messageId: z.string().min(1).max(128),
    text: z.string().max(4000).optional(),
    image: z.string().max(4_000_000).optional(),
    flow: z.string().min(1).max(64),
    version: z.union([z.number().int().positive(), z.literal('draft')]).default('draft'),
    timer: z.boolean().optional(),
  })
  .refine((b) => b.timer === true || (b.text !== undefined && b.text.trim() !== '') || b.image !== undefined, { message: 'send text, an image or timer: true', path: ['text'] });

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
