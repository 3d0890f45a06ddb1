import { Inject, Injectable } from '@nestjs/common';
import type { Bot } from '@zhishou/flow-schema';
import { Sql } from '../../infra/database/sql';

interface BotRow {
  key: string;
  name: string;
  description: string;
  settings: Bot['settings'];
  created_at: Date;
  updated_at: Date;
}

export interface ApiKeyRow {
  id: string;
  bot_key: string;
  name: string;
  prefix: string;
  hash: string;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const toBot = (r: BotRow): Bot => ({
  key: r.key,
  name: r.name,
  description: r.description,
  settings: r.settings,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const BOT_COLUMNS = 'key, name, description, settings, created_at, updated_at';
const KEY_COLUMNS = 'id, bot_key, name, prefix, hash, created_by, created_at, last_used_at, revoked_at';

/** All SQL of the bots module: the `bots` and `api_keys` tables. */
@Injectable()
export class BotsRepository {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  async list(): Promise<Bot[]> {
    const { rows } = await this.sql.query<BotRow>(`SELECT ${BOT_COLUMNS} FROM bots ORDER BY key`);
    return rows.map(toBot);
  }

  async find(key: string): Promise<Bot | null> {
    const { rows } = await this.sql.query<BotRow>(`SELECT ${BOT_COLUMNS} FROM bots WHERE key = $1`, [key]);
    return rows[0] ? toBot(rows[0]) : null;
  }

  /** False when a bot with this key exists already. */
  async insert(input: { key: string; name: string; description: string; settings: Bot['settings'] }): Promise<boolean> {
    const { rowCount } = await this.sql.query(`INSERT INTO bots (key, name, description, settings) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING`, [
      input.key,
      input.name,
      input.description,
      JSON.stringify(input.settings),
    ]);
    return (rowCount ?? 0) > 0;
  }

  /** Deletes the bot; its API keys go with it (ON DELETE CASCADE). */
  async delete(key: string): Promise<void> {
    await this.sql.query(`DELETE FROM bots WHERE key = $1`, [key]);
  }

  async insertKey(input: { botKey: string; name: string; prefix: string; hash: string; createdBy: string | null }): Promise<ApiKeyRow> {
    const { rows } = await this.sql.query<ApiKeyRow>(`INSERT INTO api_keys (bot_key, name, prefix, hash, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${KEY_COLUMNS}`, [
      input.botKey,
      input.name,
      input.prefix,
      input.hash,
      input.createdBy,
    ]);
    return rows[0] as ApiKeyRow;
  }

  async activeKeys(botKey: string): Promise<ApiKeyRow[]> {
    const { rows } = await this.sql.query<ApiKeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE bot_key = $1 AND revoked_at IS NULL ORDER BY created_at`, [botKey]);
    return rows;
  }

  async keyByHash(hash: string): Promise<ApiKeyRow | null> {
    const { rows } = await this.sql.query<ApiKeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE hash = $1`, [hash]);
    return rows[0] ?? null;
  }

  /** False when there is no such live key of this bot. */
  async revokeKey(botKey: string, id: string): Promise<boolean> {
    const { rowCount } = await this.sql.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND bot_key = $2 AND revoked_at IS NULL`, [id, botKey]);
    return (rowCount ?? 0) > 0;
  }

  async touchKey(id: string): Promise<void> {
    await this.sql.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [id]);
  }
}
