import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { nluDataViewSchema, saveNluRequestPipe, saveNluRequestSchema } from '@zhishou/flow-schema';
import type { z } from 'zod';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/principal';
import { NluDataService, type NluDataView } from './nlu-data.service';

const saveNluBody = saveNluRequestPipe;

documentRoutes([
  { method: 'GET', path: '/v1/bots/:bot/nlu', tag: 'nlu', summary: "Get the bot's NLU data (intents, examples, slot types) and its revision", response: nluDataViewSchema, errors: { 404: 'not_found: no such bot' } },
  {
    method: 'PUT',
    path: '/v1/bots/:bot/nlu',
    tag: 'nlu',
    roles: ['editor', 'publisher'],
    summary: "Save the bot's NLU data (compare-and-set on `revision`)",
    body: saveNluRequestSchema,
    response: nluDataViewSchema,
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
