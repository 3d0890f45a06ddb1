import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import {
  type BotGrant,
  botGrantSchema,
  type BotMembers,
  botMembersSchema,
  type GrantBotRole,
  grantBotRoleSchema,
  type UserBotGrants,
  userBotGrantsSchema,
} from '@zhishou/flow-schema';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/principal';
import { AccessService } from './access.service';

const adminOnly = [] as const;
const GRANT = '/v1/users/:id/bots/:bot';
documentRoutes([
  { method: 'GET', path: '/v1/users/:id/bots', tag: 'users', roles: adminOnly, summary: "The user's role per bot (admins reach every bot)", response: userBotGrantsSchema, errors: { 404: 'not_found' } },
  { method: 'PUT', path: GRANT, tag: 'users', roles: adminOnly, summary: "Grant or change the user's role on a bot (applies at the next request)", body: grantBotRoleSchema, response: botGrantSchema, errors: { 404: 'not_found: user or bot' } },
  { method: 'DELETE', path: GRANT, tag: 'users', roles: adminOnly, status: 204, summary: 'Revoke the user\'s access to a bot (applies at the next request)', response: null, errors: { 404: 'not_found' } },
  { method: 'GET', path: '/v1/bots/:bot/members', tag: 'bots', roles: adminOnly, summary: 'Users granted a role on the bot', response: botMembersSchema },
]);

/** Per-bot access administration: admins only. */
@Controller()
@Roles('admin')
export class AccessController {
  constructor(@Inject(AccessService) private readonly access: AccessService) {}

  @Get('users/:id/bots')
  async grants(@Param('id') id: string): Promise<UserBotGrants> {
    return { grants: await this.access.grants(id) };
  }

  @Put('users/:id/bots/:bot')
  grant(@Param('id') id: string, @Param('bot') bot: string, @Body(new ZodPipe(grantBotRoleSchema)) body: GrantBotRole, @CurrentUser() admin: AuthUser): Promise<BotGrant> {
    return this.access.grant(id, bot, body.role, admin.id);
  }

  @Delete('users/:id/bots/:bot')
  @HttpCode(204)
  async revoke(@Param('id') id: string, @Param('bot') bot: string): Promise<void> {
    await this.access.revoke(id, bot);
  }

  @Get('bots/:bot/members')
  async members(@Param('bot') bot: string): Promise<BotMembers> {
    return { members: await this.access.members(bot) };
  }
}
