import type { Role } from '@zhishou/flow-schema';

/** The logged-in designer user of a request. */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
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
