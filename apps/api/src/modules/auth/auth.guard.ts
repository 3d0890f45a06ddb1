import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { EDITOR_ROLES, type Role } from '@zhishou/flow-schema';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../infra/http-server/errors';
import { BOT_CLIENT, IS_PUBLIC, ROLES_KEY } from './decorators';
import { API_KEY_AUTHENTICATOR, API_KEY_PREFIX, type ApiKeyAuthenticator, USER_SESSIONS, type UserSessions } from './ports';
import type { AuthenticatedRequest } from './principal';
import { TokenService } from './tokens';

interface GuardedRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string | undefined>;
}

function bearerToken(request: GuardedRequest): string | undefined {
  const header = request.headers['authorization'];
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match?.[1];
}

/**
 * The global guard: every route needs a logged-in user unless marked `@Public()`; `@Roles()` narrows
 * the roles; `@BotClient()` also accepts the bot's API key. Admins pass everywhere. Any other user is
 * judged by their role on the bot of the route (`:bot`): no grant on it answers 404, as for a bot that
 * does not exist; on routes without a bot, `@Roles()` passes when the user holds a listed role on
 * some bot (the route then shows only those bots' data).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(API_KEY_AUTHENTICATOR) private readonly apiKeys: ApiKeyAuthenticator,
    @Inject(USER_SESSIONS) private readonly sessions: UserSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const token = bearerToken(request);
    if (!token) throw new UnauthorizedError();
    const botClientAllowed = this.reflector.getAllAndOverride<boolean>(BOT_CLIENT, targets) ?? false;

    if (token.startsWith(API_KEY_PREFIX)) {
      if (!botClientAllowed) throw new ForbiddenError('API keys cannot call this route; log in as a user');
      const botKey = request.params?.['bot'];
      const client = botKey ? await this.apiKeys.authenticate(botKey, token) : null;
      if (!client) throw new UnauthorizedError('invalid or revoked API key for this bot');
      request.botClient = client;
      return true;
    }

    const claims = await this.tokens.verify(token);
    const user = claims ? await this.sessions.session(claims.id, claims.ver) : null;
    if (!user) throw new UnauthorizedError('invalid, expired or revoked token');
    request.user = user;
    if (user.bots === 'all') return true;
    // On @BotClient() routes an explicit @Roles() replaces the editor default (e.g. agents reading transcripts).
    const declared = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const botKey = request.params?.['bot'];
    if (botKey !== undefined) {
      const role = user.bots.get(botKey);
      if (!role) throw new NotFoundError('bot', botKey);
      const roles = botClientAllowed ? (declared ?? [...EDITOR_ROLES]) : declared;
      if (roles && !roles.includes(role)) throw new ForbiddenError(`needs one of the roles on bot "${botKey}": ${roles.join(', ')}`, { roles: roles.join(', '), bot: botKey });
      return true;
    }
    if (declared && ![...user.bots.values()].some((role) => declared.includes(role))) throw new ForbiddenError(`needs one of the roles: ${declared.join(', ')}`, { roles: declared.join(', ') });
    return true;
  }
}
