import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ApiKey, CreatedApiKey } from '@zhishou/flow-schema';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { NotFoundError } from '../../infra/http-server/errors';
import type { AuthBotClient } from '../auth/principal';
import { ApiKeyEntity } from './api-key.entity';

export const API_KEY_PREFIX = 'zk_';
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

function toApiKey(entity: ApiKeyEntity): ApiKey {
  return {
    id: entity.id,
    botKey: entity.botKey,
    name: entity.name,
    prefix: entity.prefix,
    createdAt: entity.createdAt.toISOString(),
    lastUsedAt: entity.lastUsedAt?.toISOString() ?? null,
    revokedAt: entity.revokedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class ApiKeyService {
  private readonly repo: Repository<ApiKeyEntity>;
  private readonly cache = new Map<string, { client: AuthBotClient; expiresAt: number }>();

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.repo = dataSource.getRepository(ApiKeyEntity);
  }

  /** Creates a key; the plaintext is in the result and nowhere else. */
  async create(botKey: string, name: string, createdBy: string | null): Promise<CreatedApiKey> {
    const key = `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
    const entity = await this.repo.save(
      this.repo.create({ botKey, name, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), hash: hashApiKey(key), createdBy, lastUsedAt: null, revokedAt: null }),
    );
    return { ...toApiKey(entity), key };
  }

  async list(botKey: string): Promise<ApiKey[]> {
    const keys = await this.repo.find({ where: { botKey, revokedAt: IsNull() }, order: { createdAt: 'ASC' } });
    return keys.map(toApiKey);
  }

  /** Revoked keys stay (audit) but never authenticate again. */
  async revoke(botKey: string, id: string): Promise<void> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND bot_key = :botKey AND revoked_at IS NULL', { id, botKey })
      .execute();
    if (!result.affected) throw new NotFoundError('API key', id);
    for (const [hash, entry] of this.cache) if (entry.client.apiKeyId === id) this.cache.delete(hash);
  }

  /** The client behind `key` when it is a live key of `botKey`, else null. */
  async authenticate(botKey: string, key: string): Promise<AuthBotClient | null> {
    const hash = hashApiKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > Date.now()) return cached.client.botKey === botKey ? cached.client : null;
    this.cache.delete(hash);

    const entity = await this.repo.findOne({ where: { hash } });
    if (!entity || entity.revokedAt) return null;
    if (!entity.lastUsedAt || Date.now() - entity.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.repo.update({ id: entity.id }, { lastUsedAt: new Date() });
    }
    const client = { botKey: entity.botKey, apiKeyId: entity.id };
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    this.cache.set(hash, { client, expiresAt: Date.now() + CACHE_TTL_MS });
    return client.botKey === botKey ? client : null;
  }
}
