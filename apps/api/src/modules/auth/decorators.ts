import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@zhishou/flow-schema';
import { UnauthorizedError } from '../../infra/http-server/errors';
import type { AuthBotClient, AuthenticatedRequest, AuthUser } from './principal';

export const IS_PUBLIC = 'zhishou:public';
export const ROLES_KEY = 'zhishou:roles';
export const BOT_CLIENT = 'zhishou:bot-client';

/** No authentication at all (health, login). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** A logged-in user with one of these roles; admin always passes. Without it any logged-in user passes. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * The bot's machine client: `Authorization: Bearer zk_…` must be an API key of the bot named by the
 * `:bot` route param. A logged-in admin, publisher or editor is accepted too (the designer's test chat).
 */
export const BotClient = () => SetMetadata(BOT_CLIENT, true);

function requestOf(context: ExecutionContext): AuthenticatedRequest {
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

/** The logged-in user; throws 401 on a route reached with an API key instead. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const user = requestOf(context).user;
  if (!user) throw new UnauthorizedError('this route needs a logged-in user');
  return user;
});

/** The logged-in user or undefined (on `@BotClient()` routes reached with an API key). */
export const OptionalUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser | undefined => requestOf(context).user);

/** The API-key client, or undefined when a user called the route. */
export const CurrentBotClient = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthBotClient | undefined => requestOf(context).botClient,
);
