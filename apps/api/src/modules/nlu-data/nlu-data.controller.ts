import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { nluDataSchema } from '@zhishou/flow-schema';
import { z } from 'zod';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/principal';
import { NluDataService, type NluDataView } from './nlu-data.service';

const saveNluBody = z.object({ document: z.unknown(), revision: z.number().int().nonnegative() });

// Mirrors NluDataView (nlu-data.service.ts).
const nluDataView = z.object({
  document: nluDataSchema,
  revision: z.number().int().nonnegative().describe('0 while the bot has no NLU data (the first save passes 0)'),
  updatedBy: z.string().nullable(),
  updatedAt: z.iso.datetime().nullable(),
});
documentRoutes([
  { method: 'GET', path: '/v1/bots/:bot/nlu', tag: 'nlu', summary: "Get the bot's NLU data (intents, examples, slot types) and its revision", response: nluDataView, errors: { 404: 'not_found: no such bot' } },
  {
    method: 'PUT',
    path: '/v1/bots/:bot/nlu',
    tag: 'nlu',
    roles: ['editor', 'publisher'],
    summary: "Save the bot's NLU data (compare-and-set on `revision`)",
    body: saveNluBody.extend({ document: nluDataSchema }),
    response: nluDataView,
    errors: { 404: 'not_found: no such bot', 409: 'stale_revision: someone saved a newer revision; `current` = {revision, updatedBy, updatedAt}' },
  },
]);

@Controller('bots/:bot/nlu')
export class NluDataController {
  constructor(@Inject(NluDataService) private readonly nlu: NluDataService) {}

  @Get()
  get(@Param('bot') bot: string): Promise<NluDataView> {
    return this.nlu.get(bot);
  }

  @Put()
  @Roles('editor', 'publisher')
  save(@Param('bot') bot: string, @Body(new ZodPipe(saveNluBody)) body: z.infer<typeof saveNluBody>, @CurrentUser() user: AuthUser): Promise<NluDataView> {
    return this.nlu.save(bot, body.document, body.revision, user.email);
  }
}
