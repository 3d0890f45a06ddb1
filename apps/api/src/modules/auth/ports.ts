import type { User } from '@zhishou/flow-schema';
import type { AuthBotClient, AuthUser } from './principal';

/**
 * What auth needs from the modules that own identities, as ports, so auth (which every controller imports
 * for its decorators) depends on no feature module: the bots module provides API_KEY_AUTHENTICATOR, the
 * users module USER_CREDENTIALS, and app.module wires them in with `AuthModule.forRoot([UsersModule, BotsModule])`.
 */
export const API_KEY_PREFIX = 'zk_';

export const API_KEY_AUTHENTICATOR = Symbol('API_KEY_AUTHENTICATOR');
export interface ApiKeyAuthenticator {
  /** The client behind `key` when it is a live key of `botKey`, else null. */
  authenticate(botKey: string, key: string): Promise<AuthBotClient | null>;
}

export const USER_CREDENTIALS = Symbol('USER_CREDENTIALS');
export interface UserCredentials {
  /** The user (and its token version, signed into the JWT) when email and password match, else null. */
  authenticate(email: string, password: string): Promise<{ user: User; tokenVersion: number } | null>;
  /** The user, or 404. */
  get(id: string): Promise<User>;
}

export const USER_SESSIONS = Symbol('USER_SESSIONS');
export interface UserSessions {
  /**
   * The user of a verified token as the database says now (role, per-bot grants), or null when the
   * user is gone or `tokenVersion` is not the user's current one (revoked by a password or role change).
   */
  session(userId: string, tokenVersion: number): Promise<AuthUser | null>;
}
