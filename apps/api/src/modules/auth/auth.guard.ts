import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { EDITOR_ROLES, type Role } from '@zhishou/flow-schema';
import { ForbiddenError, UnauthorizedError } from '../../infra/http-server/errors';
import { BOT_CLIENT, IS_PUBLIC, ROLES_KEY } from './decorators';
import { API_KEY_AUTHENTICATOR, API_KEY_PREFIX, type ApiKeyAuthenticator } from './ports';
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
 * the roles; `@BotClient()` also accepts the bot's API key.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(API_KEY_AUTHENTICATOR) private readonly apiKeys: ApiKeyAuthenticator,
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

    const user = await this.tokens.verify(token);
    if (!user) throw new UnauthorizedError('invalid or expired token');
    request.user = user;
    if (user.role === 'admin') return true;
    // On @BotClient() routes an explicit @Roles() replaces the editor default (e.g. agents reading transcripts).
    const declared = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const roles = botClientAllowed ? (declared ?? [...EDITOR_ROLES]) : declared;
    if (roles && !roles.includes(user.role)) throw new ForbiddenError(`needs one of the roles: ${roles.join(', ')}`, { roles: roles.join(', ') });
    return true;
  }
}
