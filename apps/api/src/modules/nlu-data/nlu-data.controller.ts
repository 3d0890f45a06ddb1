import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/principal';
import { NluDataService, type NluDataView } from './nlu-data.service';

const saveNluBody = z.object({ document: z.unknown(), revision: z.number().int().nonnegative() });

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
