import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { type ApiKey, type Bot, type CreatedApiKey, createApiKeySchema, createBotSchema } from '@zhishou/flow-schema';
import { z } from 'zod';
import { NotFoundError } from '../../infra/http-server/errors';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/principal';
import { ApiKeyService } from './api-key.service';
import { BotsService } from './bots.service';

@Controller('bots')
export class BotsController {
  constructor(
    @Inject(BotsService) private readonly bots: BotsService,
    @Inject(ApiKeyService) private readonly apiKeys: ApiKeyService,
  ) {}

  @Get()
  list(): Promise<Bot[]> {
    return this.bots.list();
  }

  @Post()
  @Roles('admin')
  create(@Body(new ZodPipe(createBotSchema)) body: z.output<typeof createBotSchema>): Promise<Bot> {
    return this.bots.create(body);
  }

  @Get(':bot')
  get(@Param('bot') bot: string): Promise<Bot> {
    return this.bots.get(bot);
  }

  @Get(':bot/api-keys')
  @Roles('publisher')
  async listKeys(@Param('bot') bot: string): Promise<ApiKey[]> {
    await this.bots.get(bot);
    return this.apiKeys.list(bot);
  }

  @Post(':bot/api-keys')
  @Roles('publisher')
  async createKey(
    @Param('bot') bot: string,
    @Body(new ZodPipe(createApiKeySchema)) body: z.output<typeof createApiKeySchema>,
    @CurrentUser() user: AuthUser,
  ): Promise<CreatedApiKey> {
    await this.bots.get(bot);
    return this.apiKeys.create(bot, body.name, user.id);
  }

  @Delete(':bot/api-keys/:id')
  @Roles('publisher')
  @HttpCode(204)
  async revokeKey(@Param('bot') bot: string, @Param('id') id: string): Promise<void> {
    if (!z.uuid().safeParse(id).success) throw new NotFoundError('API key', id);
    await this.apiKeys.revoke(bot, id);
  }
}
