import { Inject, Injectable } from '@nestjs/common';
import { Sql } from '../../infra/database/sql';
import type { DocumentKind, DocumentRef, DocumentStore, DraftRecord, ReleaseAuditRecord, ReleasePointer, VersionRecord, VersionSummary } from './versioning.types';

type DocumentRow = {
  bot_key: string;
  kind: string;
  key: string;
  draft: unknown;
  revision: number;
  updated_by: string;
  updated_at: Date;
  created_at: Date;
  live_version: number | null;
  canary_version: number | null;
  canary_percent: number;
};

type VersionRow = {
  number: number;
  content?: unknown;
  content_hash: string;
  author: string;
  note: string;
  nlu_model_version: string | null;
  created_at: Date;
};

type AuditRow = {
  from_version: number | null;
  to_version: number | null;
  canary_version: number | null;
  canary_percent: number;
  actor: string;
  reason: string;
  created_at: Date;
};

const DOC_COLUMNS = 'bot_key, kind, key, draft, revision, updated_by, updated_at, created_at, live_version, canary_version, canary_percent';

const toDraft = (r: DocumentRow): DraftRecord => ({
  bot: r.bot_key,
  kind: r.kind,
  key: r.key,
  draft: r.draft,
  revision: r.revision,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
  createdAt: r.created_at,
  liveVersion: r.live_version,
  canaryVersion: r.canary_version,
  canaryPercent: r.canary_percent,
});

const toSummary = (ref: DocumentRef, r: VersionRow): VersionSummary => ({
  ...ref,
  number: r.number,
  contentHash: r.content_hash,
  author: r.author,
  note: r.note,
  nluModelVersion: r.nlu_model_version,
  createdAt: r.created_at,
});

const toAudit = (ref: DocumentRef, r: AuditRow): ReleaseAuditRecord => ({
  ...ref,
  fromVersion: r.from_version,
  toVersion: r.to_version,
  canaryVersion: r.canary_version,
  canaryPercent: r.canary_percent,
  actor: r.actor,
  reason: r.reason,
  createdAt: r.created_at,
});

/** Postgres side of versioning. Plain SQL on `Sql`: each operation is one statement or one short unit of work. */
@Injectable()
export class VersioningRepository implements DocumentStore {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  async findDraft(ref: DocumentRef): Promise<DraftRecord | null> {
    const { rows } = await this.sql.query<DocumentRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE bot_key = $1 AND kind = $2 AND key = $3`, [ref.bot, ref.kind, ref.key]);
    return rows[0] ? toDraft(rows[0]) : null;
  }

  async listReleases(bot: string, kinds: readonly DocumentKind[]): Promise<ReleasePointer[]> {
    const { rows } = await this.sql.query<{ kind: string; key: string; live_version: number | null; canary_version: number | null; canary_percent: number }>({
      name: 'zs_versioning_releases',
      text: `SELECT kind, key, live_version, canary_version, canary_percent FROM documents WHERE bot_key = $1 AND kind = ANY($2::text[]) AND live_version IS NOT NULL`,
      values: [bot, kinds],
    });
    return rows.map((r) => ({ kind: r.kind, key: r.key, live: r.live_version, canary: r.canary_version, canaryPercent: r.canary_percent }));
  }

  async listDrafts(bot: string, kind: DocumentKind): Promise<DraftRecord[]> {
    const { rows } = await this.sql.query<DocumentRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE bot_key = $1 AND kind = $2 ORDER BY key`, [bot, kind]);
    return rows.map(toDraft);
  }

  async createDraft(ref: DocumentRef, draft: unknown, actor: string): Promise<DraftRecord | null> {
    const { rows } = await this.sql.query<DocumentRow>(
      `INSERT INTO documents (bot_key, kind, key, draft, revision, updated_by) VALUES ($1, $2, $3, $4, 1, $5)
       ON CONFLICT (bot_key, kind, key) DO NOTHING RETURNING ${DOC_COLUMNS}`,
      [ref.bot, ref.kind, ref.key, JSON.stringify(draft), actor],
    );
    return rows[0] ? toDraft(rows[0]) : null;
  }

  async updateDraft(ref: DocumentRef, draft: unknown, expectedRevision: number, actor: string): Promise<DraftRecord | null> {
    // Compare-and-set in one statement: two saves of the same revision cannot both win.
    const { rows } = await this.sql.query<DocumentRow>(
      `UPDATE documents SET draft = $5, revision = revision + 1, updated_by = $6, updated_at = now()
       WHERE bot_key = $1 AND kind = $2 AND key = $3 AND revision = $4 RETURNING ${DOC_COLUMNS}`,
      [ref.bot, ref.kind, ref.key, expectedRevision, JSON.stringify(draft), actor],
    );
    const row = rows[0];
    return row ? toDraft(row) : null;
  }

  async insertVersion(
    ref: DocumentRef,
    v: { content: unknown; contentHash: string; author: string; note: string; nluModelVersion: string | null },
  ): Promise<VersionRecord> {
    return this.sql.transaction(async (tx) => {
      // The document row lock serialises publishes of one document, so numbers are gapless and unique.
      const { rows: docs } = await tx.query<{ id: string }>(`SELECT id FROM documents WHERE bot_key = $1 AND kind = $2 AND key = $3 FOR UPDATE`, [ref.bot, ref.kind, ref.key]);
      const doc = docs[0];
      if (!doc) throw new Error(`document ${ref.kind}/${ref.key} missing`);
      const { rows } = await tx.query<VersionRow>(
        `INSERT INTO document_versions (document_id, number, content, content_hash, author, note, nlu_model_version)
         SELECT $1, COALESCE(MAX(number), 0) + 1, $2, $3, $4, $5, $6 FROM document_versions WHERE document_id = $1
         RETURNING number, content, content_hash, author, note, nlu_model_version, created_at`,
        [doc.id, JSON.stringify(v.content), v.contentHash, v.author, v.note, v.nluModelVersion],
      );
      const row = rows[0];
      if (!row) throw new Error('insert returned nothing');
      return { ...toSummary(ref, row), content: row.content };
    });
  }

  async listVersions(ref: DocumentRef): Promise<VersionSummary[]> {
    const { rows } = await this.sql.query<VersionRow>(
      `SELECT v.number, v.content_hash, v.author, v.note, v.nlu_model_version, v.created_at
       FROM document_versions v JOIN documents d ON d.id = v.document_id
       WHERE d.bot_key = $1 AND d.kind = $2 AND d.key = $3 ORDER BY v.number DESC`,
      [ref.bot, ref.kind, ref.key],
    );
    return rows.map((r) => toSummary(ref, r));
  }

  async getVersion(ref: DocumentRef, number: number): Promise<VersionRecord | null> {
    const { rows } = await this.sql.query<VersionRow>(
      `SELECT v.number, v.content, v.content_hash, v.author, v.note, v.nlu_model_version, v.created_at
       FROM document_versions v JOIN documents d ON d.id = v.document_id
       WHERE d.bot_key = $1 AND d.kind = $2 AND d.key = $3 AND v.number = $4`,
      [ref.bot, ref.kind, ref.key, number],
    );
    const row = rows[0];
    return row ? { ...toSummary(ref, row), content: row.content } : null;
  }

  async setRelease(
    ref: DocumentRef,
    release: { live: number | null; canary: number | null; canaryPercent: number },
    actor: string,
    reason: string,
  ): Promise<ReleaseAuditRecord> {
    return this.sql.transaction(async (tx) => {
      const { rows: docs } = await tx.query<{ id: string; live_version: number | null }>(
        `SELECT id, live_version FROM documents WHERE bot_key = $1 AND kind = $2 AND key = $3 FOR UPDATE`,
        [ref.bot, ref.kind, ref.key],
      );
      const doc = docs[0];
      if (!doc) throw new Error(`document ${ref.kind}/${ref.key} missing`);
      await tx.query(`UPDATE documents SET live_version = $2, canary_version = $3, canary_percent = $4 WHERE id = $1`, [
        doc.id,
        release.live,
        release.canary,
        release.canaryPercent,
      ]);
      const { rows } = await tx.query<AuditRow>(
        `INSERT INTO release_audit (document_id, from_version, to_version, canary_version, canary_percent, actor, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING from_version, to_version, canary_version, canary_percent, actor, reason, created_at`,
        [doc.id, doc.live_version, release.live, release.canary, release.canaryPercent, actor, reason],
      );
      const row = rows[0];
      if (!row) throw new Error('insert returned nothing');
      return toAudit(ref, row);
    });
  }

  async listReleaseAudit(ref: DocumentRef): Promise<ReleaseAuditRecord[]> {
    const { rows } = await this.sql.query<AuditRow>(
      `SELECT a.from_version, a.to_version, a.canary_version, a.canary_percent, a.actor, a.reason, a.created_at
       FROM release_audit a JOIN documents d ON d.id = a.document_id
       WHERE d.bot_key = $1 AND d.kind = $2 AND d.key = $3 ORDER BY a.id DESC`,
      [ref.bot, ref.kind, ref.key],
    );
    return rows.map((r) => toAudit(ref, r));
  }

  async removeBot(bot: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(`DELETE FROM document_versions WHERE document_id IN (SELECT id FROM documents WHERE bot_key = $1)`, [bot]);
      await tx.query(`DELETE FROM release_audit WHERE document_id IN (SELECT id FROM documents WHERE bot_key = $1)`, [bot]);
      await tx.query(`DELETE FROM documents WHERE bot_key = $1`, [bot]);
    });
  }
}
