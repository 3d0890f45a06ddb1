import type { Sql } from '../database/sql';
import { pgBossSchema } from './create-queue';

/**
 * pg-boss job counts by queue and state, straight from its `job` table (infra/queue owns pg-boss's
 * schema; the app's modules never read it). Empty when the schema does not exist yet.
 */
export async function pgBossJobCounts(sql: Sql, prefix: string): Promise<{ queue: string; state: string; count: number }[]> {
  const schema = pgBossSchema(prefix);
  const result = await sql.query<{ name: string; state: string; n: string }>(`SELECT name, state, count(*) AS n FROM "${schema}".job GROUP BY name, state ORDER BY name, state`).catch(() => null);
  return (result?.rows ?? []).map((j) => ({ queue: j.name, state: j.state, count: Number(j.n) }));
}
