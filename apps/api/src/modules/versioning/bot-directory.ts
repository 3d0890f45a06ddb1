import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../infra/http-server/errors';

export interface BotInfo {
  key: string;
  /** Flow a new conversation starts in: `settings.mainFlow`, else "main". */
  mainFlow: string;
}

const POSITIVE_TTL_MS = 5_000;

/**
 * Read-only view of the bots table for the document and chat routes (404 for unknown bots, the main
 * flow key). Known bots are cached briefly because every chat turn asks; unknown ones are never cached,
 * so a bot created a moment ago is found at once.
 */
@Injectable()
export class BotDirectory {
  private readonly cache = new Map<string, { info: BotInfo; until: number }>();
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async find(key: string): Promise<BotInfo | null> {
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.info;
    const rows: { key: string; main_flow: string | null }[] = await this.db.query(`SELECT key, settings->>'mainFlow' AS main_flow FROM bots WHERE key = $1`, [key]);
    const row = rows[0];
    if (!row) {
      this.cache.delete(key);
      return null;
    }
    const info = { key: row.key, mainFlow: row.main_flow ?? 'main' };
    this.cache.set(key, { info, until: Date.now() + POSITIVE_TTL_MS });
    return info;
  }

  async require(key: string): Promise<BotInfo> {
    const info = await this.find(key);
    if (!info) throw new NotFoundError('bot', key);
    return info;
  }
}
