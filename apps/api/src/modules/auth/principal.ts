import type { BotRole, Role } from '@zhishou/flow-schema';

/** The logged-in designer user of a request, as the database says now (not as the token said). */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  /** The bots this user may reach and the role on each; `'all'` for admins. */
  bots: 'all' | ReadonlyMap<string, BotRole>;
}

/** A machine client authenticated with a per-bot API key. */
export interface AuthBotClient {
  botKey: string;
  apiKeyId: string;
}

/** What the auth guard attaches to the Fastify request. */
export interface AuthenticatedRequest {
  user?: AuthUser;
  botClient?: AuthBotClient;
}

/** The user's role on a bot: admin on every bot, else the grant, else null (the bot is out of reach). */
export function roleOnBot(user: AuthUser, bot: string): Role | null {
  if (user.bots === 'all') return 'admin';
  return user.bots.get(bot) ?? null;
}

/** Keys of the bots where the user holds one of `roles`; `'all'` for admins. */
export function botsWithRole(user: AuthUser, roles: readonly Role[]): 'all' | string[] {
  if (user.bots === 'all') return 'all';
  return [...user.bots].filter(([, role]) => roles.includes(role)).map(([bot]) => bot);
}
