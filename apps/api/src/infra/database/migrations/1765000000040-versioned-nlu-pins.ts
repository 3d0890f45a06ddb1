import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Canonical JSON (keys sorted) as versioning hashes it; copied, not imported, so this migration never changes. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/**
 * NLU data and models join the one versioning: conversations pin every kind (`pins`), and NLU drafts,
 * which served buyers directly until now, are published once as version 1 and made live, so what buyers
 * get does not change by this migration (later saves stay drafts until published).
 */
export class VersionedNluPins1765000000040 implements MigrationInterface {
  name = 'VersionedNluPins1765000000040';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "conversations" ADD "pins" jsonb`);
    const drafts: { id: string; draft: unknown; updated_by: string }[] = await db.query(
      `SELECT d.id, d.draft, d.updated_by FROM documents d WHERE d.kind = 'nlu' AND d.live_version IS NULL AND NOT EXISTS (SELECT 1 FROM document_versions v WHERE v.document_id = d.id)`,
    );
    for (const d of drafts) {
      const hash = createHash('sha256').update(canonical(d.draft)).digest('hex');
      await db.query(`INSERT INTO document_versions (document_id, number, content, content_hash, author, note) VALUES ($1, 1, $2, $3, $4, 'published by the versioning migration (was serving as a draft)')`, [
        d.id,
        JSON.stringify(d.draft),
        hash,
        d.updated_by,
      ]);
      await db.query(`UPDATE documents SET live_version = 1 WHERE id = $1`, [d.id]);
      await db.query(`INSERT INTO release_audit (document_id, from_version, to_version, canary_version, canary_percent, actor, reason) VALUES ($1, NULL, 1, NULL, 0, $2, 'versioning migration')`, [d.id, d.updated_by]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "conversations" DROP COLUMN "pins"`);
  }
}
