import { Inject, Injectable } from '@nestjs/common';
import type { BotGrant, BotMembers, BotRole } from '@zhishou/flow-schema';
import { NotFoundError } from '../../infra/http-server/errors';
import type { UserSessions } from '../auth/ports';
import type { AuthUser } from '../auth/principal';
import { BotsService } from '../bots/bots.service';
import { AccessRepository } from './access.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Per-bot access and sessions: a JWT's user is accepted only while the token's version matches the
 * user's (revocation), and the role and per-bot grants are read from the database on every request,
 * so a changed grant applies at once on every api instance. Provides auth's USER_SESSIONS port.
 */
@Injectable()
export class AccessService implements UserSessions {
  constructor(
    @Inject(AccessRepository) private readonly repo: AccessRepository,
    @Inject(BotsService) private readonly bots: BotsService,
  ) {}

  async session(userId: string, tokenVersion: number): Promise<AuthUser | null> {
    if (!UUID.test(userId)) return null;
    const rows = await this.repo.session(userId);
    const first = rows[0];
    if (!first || first.token_version !== tokenVersion) return null;
    const bots = first.role === 'admin' ? 'all' : new Map(rows.flatMap((r) => (r.bot_key && r.bot_role ? [[r.bot_key, r.bot_role] as const] : [])));
    return { id: userId, email: first.email, role: first.role, bots };
  }

  async grants(userId: string): Promise<BotGrant[]> {
    await this.assertUser(userId);
    return (await this.repo.grants(userId)).map((r) => ({ userId, botKey: r.bot_key, role: r.role, grantedAt: new Date(r.created_at).toISOString() }));
  }

  /** Grants the role, or changes it when the user already had one on this bot. */
  async grant(userId: string, bot: string, role: BotRole, grantedBy: string): Promise<BotGrant> {
    await this.assertUser(userId);
    if (!(await this.bots.exists(bot))) throw new NotFoundError('bot', bot);
    const grantedAt = await this.repo.upsert(userId, bot, role, grantedBy);
    if (!grantedAt) throw new NotFoundError('user', userId);
    return { userId, botKey: bot, role, grantedAt: new Date(grantedAt).toISOString() };
  }

  async revoke(userId: string, bot: string): Promise<void> {
    if (!UUID.test(userId) || !(await this.repo.delete(userId, bot))) throw new NotFoundError('grant', `${userId} on ${bot}`);
  }

  /** Who was granted a role on the bot (an unknown bot has none). */
  members(bot: string): Promise<BotMembers['members']> {
    return this.repo.members(bot);
  }

  private async assertUser(id: string): Promise<void> {
    if (!UUID.test(id) || !(await this.repo.userExists(id))) throw new NotFoundError('user', id);
  }
}
