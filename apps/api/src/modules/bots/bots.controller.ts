import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  type ApiKey,
  apiKeySchema,
  type Bot,
  botSchema,
  type CreatedApiKey,
  createApiKeySchema,
  createBotSchema,
  createdApiKeySchema,
} from '@zhishou/flow-schema';
import { z } from 'zod';
import { NotFoundError } from '../../infra/http-server/errors';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Roles } from '../auth/decorators';
import { type AuthUser, roleOnBot } from '../auth/principal';
import { ApiKeyService } from './api-key.service';
import { BotsService } from './bots.service';

const keyManagers = ['publisher'] as const;
documentRoutes([
  { method: 'GET', path: '/v1/bots', tag: 'bots', summary: 'List the bots the caller may reach (every bot for admins)', response: botSchema.array() },
  { method: 'POST', path: '/v1/bots', tag: 'bots', roles: [], summary: 'Create a bot', body: createBotSchema, response: botSchema, errors: { 409: 'bot_exists' } },
  { method: 'GET', path: '/v1/bots/:bot', tag: 'bots', summary: 'Get a bot', response: botSchema, errors: { 404: 'not_found' } },
  { method: 'GET', path: '/v1/bots/:bot/api-keys', tag: 'bots', roles: keyManagers, summary: "List the bot's live API keys (prefix only)", response: apiKeySchema.array() },
  { method: 'POST', path: '/v1/bots/:bot/api-keys', tag: 'bots', roles: keyManagers, summary: 'Create an API key; the plaintext `key` is shown this once', body: createApiKeySchema, response: createdApiKeySchema },
  { method: 'DELETE', path: '/v1/bots/:bot/api-keys/:id', tag: 'bots', roles: keyManagers, status: 204, summary: 'Revoke an API key', response: null, errors: { 404: 'not_found' } },
]);

@Controller('bots')
export class BotsController {
  constructor(
    @Inject(BotsService) private readonly bots: BotsService,
    @Inject(ApiKeyService) private readonly apiKeys: ApiKeyService,
  ) {}

  @Get()
  async list(@CurrentUser() user: AuthUser): Promise<Bot[]> {
    return (await this.bots.list()).filter((bot) => roleOnBot(user, bot.key) !== null);
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
