import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ApiKey, CreatedApiKey } from '@zhishou/flow-schema';
import { NotFoundError } from '../../infra/http-server/errors';
import { API_KEY_PREFIX, type ApiKeyAuthenticator } from '../auth/ports';
import type { AuthBotClient } from '../auth/principal';
import { type ApiKeyRow, BotsRepository } from './bots.repository';

export { API_KEY_PREFIX };
/** How many characters of the key are kept in clear to recognise it in lists. */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;
/** Writing last_used_at on every chat turn would double the writes; once a minute is enough to see use. */
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * Valid keys are remembered briefly so a chat turn does not pay a lookup. A revoke on this instance
 * applies at once; on other instances within this many milliseconds.
 */
const CACHE_TTL_MS = 10_000;
const CACHE_MAX_ENTRIES = 10_000;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    botKey: row.bot_key,
    name: row.name,
    prefix: row.prefix,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

@Injectable()
export class ApiKeyService implements ApiKeyAuthenticator {
  private readonly cache = new Map<string, { client: AuthBotClient; expiresAt: number }>();

  constructor(@Inject(BotsRepository) private readonly repo: BotsRepository) {}

  /** Creates a key; the plaintext is in the result and nowhere else. */
  async create(botKey: string, name: string, createdBy: string | null): Promise<CreatedApiKey> {
    const key = `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
    const row = await this.repo.insertKey({ botKey, name, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), hash: hashApiKey(key), createdBy });
    return { ...toApiKey(row), key };
  }

  async list(botKey: string): Promise<ApiKey[]> {
    return (await this.repo.activeKeys(botKey)).map(toApiKey);
  }

  /** Revoked keys stay (audit) but never authenticate again. */
  async revoke(botKey: string, id: string): Promise<void> {
    if (!(await this.repo.revokeKey(botKey, id))) throw new NotFoundError('API key', id);
    for (const [hash, entry] of this.cache) if (entry.client.apiKeyId === id) this.cache.delete(hash);
  }

  /** The client behind `key` when it is a live key of `botKey`, else null. */
  async authenticate(botKey: string, key: string): Promise<AuthBotClient | null> {
    const client = await this.authenticateKey(key);
    return client?.botKey === botKey ? client : null;
  }

  /** The client behind `key` when it is a live key of any bot (the key names its bot: `POST /v1/events`), else null. */
  async authenticateKey(key: string): Promise<AuthBotClient | null> {
    const hash = hashApiKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > Date.now()) return cached.client;
    this.cache.delete(hash);

    const row = await this.repo.keyByHash(hash);
    if (!row || row.revoked_at) return null;
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > LAST_USED_RESOLUTION_MS) await this.repo.touchKey(row.id);
    const client = { botKey: row.bot_key, apiKeyId: row.id };
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    this.cache.set(hash, { client, expiresAt: Date.now() + CACHE_TTL_MS });
    return client;
  }
}
