import { Inject, Injectable } from '@nestjs/common';
import { parseFlow, type Flow } from '@zhishou/flow-schema';
import type pg from 'pg';
import { Sql } from '../../infra/database/sql';

const LOAD = {
  name: 'zs_flow_versions_load',
  text: `SELECT d.key, v.number, v.content FROM document_versions v JOIN documents d ON d.id = v.document_id
         WHERE d.bot_key = $1 AND d.kind = 'flow' AND (d.key, v.number) IN (SELECT * FROM unnest($2::text[], $3::int[]))`,
};

/**
 * Published flow versions are immutable, so each is loaded and parsed once per process and kept.
 * (Bounded by the number of versions in use; a busy multi-bot deployment would want an LRU here.)
 */
@Injectable()
export class FlowVersionCache {
  private readonly cache = new Map<string, Flow>();
  private readonly pool: pg.Pool;
  constructor(@Inject(Sql) sql: Sql) {
    this.pool = sql.pool;
  }

  private static id(bot: string, key: string, version: number): string {
    return `${bot}\u0000${key}\u0000${version}`;
  }

  /**
   * The flows of a pinned release (`{ flowKey: version }`), loading the missing ones in one query.
   * Pass the turn's transaction client: taking a second pool connection while holding one deadlocks
   * once every pooled connection is held by a waiting turn.
   */
  async getMany(bot: string, pins: Record<string, number>, client: pg.PoolClient | pg.Pool = this.pool): Promise<Map<string, Flow>> {
    const out = new Map<string, Flow>();
    const missing: [string, number][] = [];
    for (const [key, version] of Object.entries(pins)) {
      const hit = this.cache.get(FlowVersionCache.id(bot, key, version));
      if (hit) out.set(key, hit);
      else missing.push([key, version]);
    }
    if (missing.length === 0) return out;
    const { rows } = await client.query<{ key: string; number: number; content: unknown }>({
      ...LOAD,
      values: [bot, missing.map((m) => m[0]), missing.map((m) => m[1])],
    });
    for (const row of rows) {
      const parsed = parseFlow(row.content);
      if (!parsed.ok) throw new Error(`stored flow ${row.key} v${row.number} does not parse: ${parsed.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
      this.cache.set(FlowVersionCache.id(bot, row.key, row.number), parsed.flow);
      out.set(row.key, parsed.flow);
    }
    return out;
  }
}
