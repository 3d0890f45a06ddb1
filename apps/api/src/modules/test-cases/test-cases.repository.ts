import { Inject, Injectable } from '@nestjs/common';
import type { StoredTestCase, TestCase } from '@zhishou/flow-schema';
import { Sql } from '../../infra/database/sql';

export type { StoredTestCase };

interface Row {
  id: string;
  bot_key: string;
  flow_key: string;
  name: string;
  document: TestCase;
  updated_by: string;
  updated_at: Date;
}

const COLUMNS = 'id, bot_key, flow_key, name, document, updated_by, updated_at';
const toStored = (r: Row): StoredTestCase => ({
  id: r.id,
  bot: r.bot_key,
  flow: r.flow_key,
  name: r.name,
  testCase: r.document,
  updatedBy: r.updated_by,
  updatedAt: new Date(r.updated_at).toISOString(),
});
const isUniqueViolation = (error: unknown): boolean => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Postgres side of test cases: one row per case, the document stored as parsed JSON. */
@Injectable()
export class TestCasesRepository {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  async list(bot: string, flows: string[]): Promise<StoredTestCase[]> {
    const { rows } = await this.sql.query<Row>(`SELECT ${COLUMNS} FROM flow_test_cases WHERE bot_key = $1 AND flow_key = ANY($2) ORDER BY flow_key, name`, [bot, flows]);
    return rows.map(toStored);
  }

  async find(bot: string, flow: string, id: string): Promise<StoredTestCase | null> {
    if (!UUID.test(id)) return null;
    const { rows } = await this.sql.query<Row>(`SELECT ${COLUMNS} FROM flow_test_cases WHERE bot_key = $1 AND flow_key = $2 AND id = $3`, [bot, flow, id]);
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** Null when a case of that name already exists for the flow. */
  async insert(bot: string, flow: string, testCase: TestCase, actor: string): Promise<StoredTestCase | null> {
    const { rows } = await this.sql.query<Row>(
      `INSERT INTO flow_test_cases (bot_key, flow_key, name, document, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (bot_key, flow_key, name) DO NOTHING RETURNING ${COLUMNS}`,
      [bot, flow, testCase.name, JSON.stringify(testCase), actor],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** Null when missing; throws 'name_taken' when another case of the flow has the new name. */
  async update(bot: string, flow: string, id: string, testCase: TestCase, actor: string): Promise<StoredTestCase | 'name_taken' | null> {
    if (!UUID.test(id)) return null;
    try {
      const { rows } = await this.sql.query<Row>(
        `UPDATE flow_test_cases SET name = $4, document = $5, updated_by = $6, updated_at = now()
         WHERE bot_key = $1 AND flow_key = $2 AND id = $3 RETURNING ${COLUMNS}`,
        [bot, flow, id, testCase.name, JSON.stringify(testCase), actor],
      );
      const row = rows[0];
      return row ? toStored(row) : null;
    } catch (error) {
      if (isUniqueViolation(error)) return 'name_taken';
      throw error;
    }
  }

  async remove(bot: string, flow: string, id: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const { rowCount } = await this.sql.query(`DELETE FROM flow_test_cases WHERE bot_key = $1 AND flow_key = $2 AND id = $3`, [bot, flow, id]);
    return (rowCount ?? 0) > 0;
  }

  /** Every case of the bot (the demo seeder's clean-up of a half-seeded bot). */
  async removeBot(bot: string): Promise<void> {
    await this.sql.query(`DELETE FROM flow_test_cases WHERE bot_key = $1`, [bot]);
  }
}
