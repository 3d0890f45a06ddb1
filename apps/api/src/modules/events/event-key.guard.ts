import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { UnauthorizedError } from '../../infra/http-server/errors';
import type { AuthenticatedRequest } from '../auth/principal';
import { ApiKeyService, API_KEY_PREFIX } from '../bots/api-key.service';

interface KeyRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * For `POST /v1/events` (no `:bot` in the path): the per-bot API key names its bot. ApiKeyService (the
 * bots module owns `api_keys`) finds it by its hash and authenticates it like on any `@BotClient()` route
 * (revocation, last use).
 * The route is `@Public()` for the global guard; this guard is its authentication.
 */
@Injectable()
export class EventKeyGuard implements CanActivate {
  constructor(@Inject(ApiKeyService) private readonly apiKeys: ApiKeyService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<KeyRequest>();
    const header = request.headers['authorization'];
    const token = /^Bearer\s+(\S+)$/i.exec((Array.isArray(header) ? header[0] : header) ?? '')?.[1];
    if (!token || !token.startsWith(API_KEY_PREFIX)) throw new UnauthorizedError('this route needs a bot API key (Authorization: Bearer zk_…)');
    const client = await this.apiKeys.authenticateKey(token);
    if (!client) throw new UnauthorizedError('invalid or revoked API key');
    request.botClient = client;
    return true;
  }
}
