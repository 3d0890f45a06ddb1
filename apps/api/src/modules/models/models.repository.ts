import { Inject, Injectable } from '@nestjs/common';
import { Sql, type SqlExecutor } from '../../infra/database/sql';
import type { NluModelActivationEntity, NluModelVersionEntity } from './model.entities';

/** Columns of a version without its ONNX bytes (lists and status reads stay small). */
const SUMMARY = `id, bot_key, number, status, origin, data_hash, metrics, progress, error, note, created_by, created_at, finished_at`;

type VersionRow = {
  id: string;
  bot_key: string;
  number: number;
  status: string;
  origin: string;
  data_hash: string | null;
  metrics: unknown;
  progress: unknown;
  error: string | null;
  note: string;
  created_by: string;
  created_at: Date;
  finished_at: Date | null;
};

type ActivationRow = { id: string; bot_key: string; version_id: string; number: number; actor: string; activated_at: Date };

export interface Artefacts {
  intent: Buffer;
  slots: Buffer;
  emotion: Buffer;
}

/** The writable fields of a version (`update` and `create`), by entity property. */
export type VersionFields = Partial<Omit<NluModelVersionEntity, 'id' | 'botKey' | 'number' | 'createdAt'>>;

const COLUMN: Record<keyof VersionFields, string> = {
  status: 'status',
  origin: 'origin',
  dataHash: 'data_hash',
  metrics: 'metrics',
  progress: 'progress',
  error: 'error',
  note: 'note',
  intentOnnx: 'intent_onnx',
  slotsOnnx: 'slots_onnx',
  emotionOnnx: 'emotion_onnx',
  createdBy: 'created_by',
  finishedAt: 'finished_at',
};
const JSON_COLUMNS = new Set(['metrics', 'progress']);

function toVersion(r: VersionRow): NluModelVersionEntity {
  return {
    id: r.id,
    botKey: r.bot_key,
    number: r.number,
    status: r.status,
    origin: r.origin,
    dataHash: r.data_hash,
    metrics: r.metrics,
    progress: r.progress,
    error: r.error,
    note: r.note,
    intentOnnx: null,
    slotsOnnx: null,
    emotionOnnx: null,
    createdBy: r.created_by,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/** Column list and values of `fields` (JSON columns serialised), for INSERT and UPDATE. */
function columnsOf(fields: VersionFields): { names: string[]; values: unknown[] } {
  const names: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(fields) as [keyof VersionFields, unknown][]) {
    if (value === undefined) continue;
    const column = COLUMN[key];
    names.push(column);
    values.push(JSON_COLUMNS.has(column) && value !== null ? JSON.stringify(value) : value);
  }
  return { names, values };
}

/** The model registry's only SQL. */
@Injectable()
export class ModelsRepository {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  async list(bot: string): Promise<NluModelVersionEntity[]> {
    const { rows } = await this.sql.query<VersionRow>(`SELECT ${SUMMARY} FROM nlu_model_versions WHERE bot_key = $1 ORDER BY number DESC`, [bot]);
    return rows.map(toVersion);
  }

  async find(bot: string, number: number): Promise<NluModelVersionEntity | null> {
    const { rows } = await this.sql.query<VersionRow>(`SELECT ${SUMMARY} FROM nlu_model_versions WHERE bot_key = $1 AND number = $2`, [bot, number]);
    return rows[0] ? toVersion(rows[0]) : null;
  }

  async findById(id: string): Promise<NluModelVersionEntity | null> {
    const { rows } = await this.sql.query<VersionRow>(`SELECT ${SUMMARY} FROM nlu_model_versions WHERE id = $1`, [id]);
    return rows[0] ? toVersion(rows[0]) : null;
  }

  async artefacts(id: string): Promise<Artefacts | null> {
    const { rows } = await this.sql.query<{ intent_onnx: Buffer | null; slots_onnx: Buffer | null; emotion_onnx: Buffer | null }>(
      `SELECT intent_onnx, slots_onnx, emotion_onnx FROM nlu_model_versions WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row?.intent_onnx || !row.slots_onnx || !row.emotion_onnx) return null;
    return { intent: row.intent_onnx, slots: row.slots_onnx, emotion: row.emotion_onnx };
  }

  private async insert(tx: SqlExecutor, bot: string, number: number, fields: VersionFields): Promise<NluModelVersionEntity> {
    const { names, values } = columnsOf(fields);
    const placeholders = names.map((_, i) => `$${i + 3}`);
    const { rows } = await tx.query<VersionRow>(
      `INSERT INTO nlu_model_versions (bot_key, number${names.map((n) => `, ${n}`).join('')}) VALUES ($1, $2${placeholders.map((p) => `, ${p}`).join('')}) RETURNING ${SUMMARY}`,
      [bot, number, ...values],
    );
    return toVersion(rows[0]!);
  }

  /** Inserts the bot's next version number; the per-bot advisory lock keeps numbers dense under concurrency. */
  create(bot: string, fields: VersionFields): Promise<NluModelVersionEntity> {
    return this.sql.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('nlu_model_versions:' || $1))`, [bot]);
      const { rows } = await tx.query<{ next: number }>(`SELECT COALESCE(MAX(number), 0) + 1 AS next FROM nlu_model_versions WHERE bot_key = $1`, [bot]);
      return this.insert(tx, bot, rows[0]!.next, fields);
    });
  }

  /** Like create, but only when the bot has no version yet (null otherwise): safe under concurrent callers. */
  createIfNone(bot: string, fields: VersionFields): Promise<NluModelVersionEntity | null> {
    return this.sql.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('nlu_model_versions:' || $1))`, [bot]);
      const { rows } = await tx.query(`SELECT 1 FROM nlu_model_versions WHERE bot_key = $1 LIMIT 1`, [bot]);
      if (rows.length > 0) return null;
      return this.insert(tx, bot, 1, fields);
    });
  }

  async update(id: string, fields: VersionFields): Promise<void> {
    const { names, values } = columnsOf(fields);
    if (names.length === 0) return;
    await this.sql.query(`UPDATE nlu_model_versions SET ${names.map((n, i) => `${n} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...values]);
  }

  async count(bot: string): Promise<number> {
    const { rows } = await this.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM nlu_model_versions WHERE bot_key = $1`, [bot]);
    return rows[0]?.n ?? 0;
  }

  /**
   * The bot's latest activation from before models were versioned (read once, to adopt it as the live
   * release; nothing writes activations any more).
   */
  async active(bot: string): Promise<NluModelActivationEntity | null> {
    const { rows } = await this.sql.query<ActivationRow>(
      `SELECT id, bot_key, version_id, number, actor, activated_at FROM nlu_model_activations WHERE bot_key = $1 ORDER BY id DESC LIMIT 1`,
      [bot],
    );
    const r = rows[0];
    return r ? { id: r.id, botKey: r.bot_key, versionId: r.version_id, number: r.number, actor: r.actor, activatedAt: r.activated_at } : null;
  }
}
