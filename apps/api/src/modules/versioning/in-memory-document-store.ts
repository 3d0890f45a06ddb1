import type { DocumentKind, DocumentRef, DocumentStore, DraftRecord, ReleaseAuditRecord, ReleasePointer, VersionRecord, VersionSummary } from './versioning.types';

const refKey = (r: DocumentRef): string => `${r.bot}\u0000${r.kind}\u0000${r.key}`;

/** A DocumentStore in memory: service tests and the preview of unsaved documents use it. */
export class InMemoryDocumentStore implements DocumentStore {
  private readonly drafts = new Map<string, DraftRecord>();
  private readonly versions = new Map<string, VersionRecord[]>();
  private readonly audit = new Map<string, ReleaseAuditRecord[]>();
  constructor(private readonly clock: () => Date = () => new Date()) {}

  async findDraft(ref: DocumentRef): Promise<DraftRecord | null> {
    return this.drafts.get(refKey(ref)) ?? null;
  }
  async listReleases(bot: string, kinds: readonly DocumentKind[]): Promise<ReleasePointer[]> {
    const drafts = (await Promise.all(kinds.map((kind) => this.listDrafts(bot, kind)))).flat();
    return drafts.flatMap((d) => (d.liveVersion === null ? [] : [{ kind: d.kind, key: d.key, live: d.liveVersion, canary: d.canaryVersion, canaryPercent: d.canaryPercent }]));
  }

  async listDrafts(bot: string, kind: DocumentKind): Promise<DraftRecord[]> {
    return [...this.drafts.values()].filter((d) => d.bot === bot && d.kind === kind).sort((a, b) => a.key.localeCompare(b.key));
  }
  async createDraft(ref: DocumentRef, draft: unknown, actor: string): Promise<DraftRecord | null> {
    if (this.drafts.has(refKey(ref))) return null;
    const now = this.clock();
    const rec: DraftRecord = { ...ref, draft, revision: 1, updatedBy: actor, updatedAt: now, createdAt: now, liveVersion: null, canaryVersion: null, canaryPercent: 0 };
    this.drafts.set(refKey(ref), rec);
    return rec;
  }
  async updateDraft(ref: DocumentRef, draft: unknown, expectedRevision: number, actor: string): Promise<DraftRecord | null> {
    const cur = this.drafts.get(refKey(ref));
    if (!cur || cur.revision !== expectedRevision) return null;
    const rec = { ...cur, draft, revision: cur.revision + 1, updatedBy: actor, updatedAt: this.clock() };
    this.drafts.set(refKey(ref), rec);
    return rec;
  }
  async insertVersion(
    ref: DocumentRef,
    v: { content: unknown; contentHash: string; author: string; note: string; nluModelVersion: string | null },
  ): Promise<VersionRecord> {
    const list = this.versions.get(refKey(ref)) ?? [];
    const rec: VersionRecord = { ...ref, ...v, number: list.length + 1, createdAt: this.clock() };
    list.push(rec);
    this.versions.set(refKey(ref), list);
    return rec;
  }
  async listVersions(ref: DocumentRef): Promise<VersionSummary[]> {
    return (this.versions.get(refKey(ref)) ?? []).map(({ content: _c, ...rest }) => rest).reverse();
  }
  async getVersion(ref: DocumentRef, number: number): Promise<VersionRecord | null> {
    return (this.versions.get(refKey(ref)) ?? []).find((v) => v.number === number) ?? null;
  }
  async setRelease(
    ref: DocumentRef,
    release: { live: number | null; canary: number | null; canaryPercent: number },
    actor: string,
    reason: string,
  ): Promise<ReleaseAuditRecord> {
    const cur = this.drafts.get(refKey(ref));
    if (!cur) throw new Error('document missing');
    this.drafts.set(refKey(ref), { ...cur, liveVersion: release.live, canaryVersion: release.canary, canaryPercent: release.canaryPercent });
    const rec: ReleaseAuditRecord = {
      ...ref,
      fromVersion: cur.liveVersion,
      toVersion: release.live,
      canaryVersion: release.canary,
      canaryPercent: release.canaryPercent,
      actor,
      reason,
      createdAt: this.clock(),
    };
    this.audit.set(refKey(ref), [...(this.audit.get(refKey(ref)) ?? []), rec]);
    return rec;
  }
  async listReleaseAudit(ref: DocumentRef): Promise<ReleaseAuditRecord[]> {
    return [...(this.audit.get(refKey(ref)) ?? [])].reverse();
  }
  async removeBot(bot: string): Promise<void> {
    const prefix = `${bot}\u0000`;
    for (const map of [this.drafts, this.versions, this.audit]) for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
  }
}
