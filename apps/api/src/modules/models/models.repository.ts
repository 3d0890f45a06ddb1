import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsSelect, type QueryDeepPartialEntity } from 'typeorm';
import { NluModelActivationEntity, NluModelVersionEntity } from './model.entities';

/** Columns of a version without its ONNX bytes (lists and status reads stay small). */
const SUMMARY_COLUMNS: FindOptionsSelect<NluModelVersionEntity> = {
  id: true,
  botKey: true,
  number: true,
  status: true,
  origin: true,
  dataHash: true,
  metrics: true,
  progress: true,
  error: true,
  note: true,
  createdBy: true,
  createdAt: true,
  finishedAt: true,
};

export interface Artefacts {
  intent: Buffer;
  slots: Buffer;
  emotion: Buffer;
}

/** The model registry's only SQL. */
@Injectable()
export class ModelsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  list(bot: string): Promise<NluModelVersionEntity[]> {
    return this.db.getRepository(NluModelVersionEntity).find({ select: SUMMARY_COLUMNS, where: { botKey: bot }, order: { number: 'DESC' } });
  }

  find(bot: string, number: number): Promise<NluModelVersionEntity | null> {
    return this.db.getRepository(NluModelVersionEntity).findOne({ select: SUMMARY_COLUMNS, where: { botKey: bot, number } });
  }

  findById(id: string): Promise<NluModelVersionEntity | null> {
    return this.db.getRepository(NluModelVersionEntity).findOne({ select: SUMMARY_COLUMNS, where: { id } });
  }

  async artefacts(id: string): Promise<Artefacts | null> {
    const row = await this.db.getRepository(NluModelVersionEntity).findOne({ select: { id: true, intentOnnx: true, slotsOnnx: true, emotionOnnx: true }, where: { id } });
    if (!row?.intentOnnx || !row.slotsOnnx || !row.emotionOnnx) return null;
    return { intent: row.intentOnnx, slots: row.slotsOnnx, emotion: row.emotionOnnx };
  }

  /** Inserts the bot's next version number; the per-bot advisory lock keeps numbers dense under concurrency. */
  create(bot: string, fields: Partial<NluModelVersionEntity>): Promise<NluModelVersionEntity> {
    return this.db.transaction(async (tx: EntityManager) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('nlu_model_versions:' || $1))`, [bot]);
      const rows: { next: number }[] = await tx.query(`SELECT COALESCE(MAX(number), 0) + 1 AS next FROM nlu_model_versions WHERE bot_key = $1`, [bot]);
      const entity = tx.getRepository(NluModelVersionEntity).create({ ...fields, botKey: bot, number: rows[0]!.next });
      return tx.getRepository(NluModelVersionEntity).save(entity);
    });
  }

  /** Like create, but only when the bot has no version yet (null otherwise): safe under concurrent callers. */
  createIfNone(bot: string, fields: Partial<NluModelVersionEntity>): Promise<NluModelVersionEntity | null> {
    return this.db.transaction(async (tx: EntityManager) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('nlu_model_versions:' || $1))`, [bot]);
      if ((await tx.getRepository(NluModelVersionEntity).count({ where: { botKey: bot } })) > 0) return null;
      const entity = tx.getRepository(NluModelVersionEntity).create({ ...fields, botKey: bot, number: 1 });
      return tx.getRepository(NluModelVersionEntity).save(entity);
    });
  }

  async update(id: string, fields: Partial<NluModelVersionEntity>): Promise<void> {
    await this.db.getRepository(NluModelVersionEntity).update({ id }, fields as QueryDeepPartialEntity<NluModelVersionEntity>);
  }

  async count(bot: string): Promise<number> {
    return this.db.getRepository(NluModelVersionEntity).count({ where: { botKey: bot } });
  }

  async activate(bot: string, version: NluModelVersionEntity, actor: string): Promise<void> {
    await this.db.getRepository(NluModelActivationEntity).insert({ botKey: bot, versionId: version.id, number: version.number, actor });
  }

  /** The latest activation of the bot (its active version), if any. */
  active(bot: string): Promise<NluModelActivationEntity | null> {
    return this.db.getRepository(NluModelActivationEntity).findOne({ where: { botKey: bot }, order: { id: 'DESC' } });
  }

  history(bot: string, limit = 50): Promise<NluModelActivationEntity[]> {
    return this.db.getRepository(NluModelActivationEntity).find({ where: { botKey: bot }, order: { id: 'DESC' }, take: limit });
  }
}
