import type { ValidationIssueWire } from '@zhishou/flow-schema';

/**
 * One versioning mechanism for every kind of document of a bot (flows, rule sets, NLU data, trained
 * models, …): a draft with a revision, immutable published versions, a publish gate per kind, a live
 * pointer with a canary share and an audit trail, and pins into conversations. See README.md.
 */

/** Document kinds. Modules register their own (`flow`, `ruleset`, `nlu`, …); any key string works. */
export type DocumentKind = string;

export interface DocumentRef {
  bot: string;
  kind: DocumentKind;
  key: string;
}

export interface DraftRecord {
  bot: string;
  kind: DocumentKind;
  key: string;
  draft: unknown;
  revision: number;
  updatedBy: string;
  updatedAt: Date;
  createdAt: Date;
  liveVersion: number | null;
  canaryVersion: number | null;
  canaryPercent: number;
}

export interface VersionRecord {
  bot: string;
  kind: DocumentKind;
  key: string;
  number: number;
  content: unknown;
  contentHash: string;
  author: string;
  note: string;
  nluModelVersion: string | null;
  createdAt: Date;
}

export type VersionSummary = Omit<VersionRecord, 'content'>;

export interface ReleaseAuditRecord {
  bot: string;
  kind: DocumentKind;
  key: string;
  fromVersion: number | null;
  toVersion: number | null;
  canaryVersion: number | null;
  canaryPercent: number;
  actor: string;
  reason: string;
  createdAt: Date;
}

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; issues: { path: string; message: string }[] };

/** What a publish gate found: `passed` false refuses the publish with `400 tests_failed` and this body. */
export interface GateResult {
  passed: boolean;
  /** One line for people ("2 of 3 scenarios failed", "intent accuracy 91.2 → 89.0"). */
  message: string;
  /** Kind-specific results (per test case, per scenario, per class); sent as is. */
  details: Record<string, unknown>;
}

/**
 * A kind of document: how it parses (schema, migrations, defaults), validates, is gated and diffed,
 * and whether conversations pin it when they start. Registering one is all a new kind needs.
 */
export interface KindDescriptor<T = unknown> {
  parse(document: unknown): ParseOutcome<T>;
  /** Issues with severity "error" block publishing. */
  validate(document: T, ctx: { bot: string; key: string }): Promise<ValidationIssueWire[]> | ValidationIssueWire[];
  /** Optional structural diff of two versions (flows: nodes/edges). */
  diff?(from: T, to: T): unknown;
  /** The publish gate: runs on the parsed, valid candidate; `live` is the live version's content (null before the first release). */
  gate?(ref: DocumentRef, candidate: T, live: T | null): Promise<GateResult>;
  /** A conversation pins the versions of this kind when it starts (flows, NLU data, models); rule sets are read live at fire time. */
  pinned?: boolean;
}

/** The earlier name of KindDescriptor. */
export type KindPolicy<T = unknown> = KindDescriptor<T>;

/** A conversation's pins: version per kind and key (`{ flow: { main: 3 }, nlu: { main: 2 }, model: { nlu: 1 } }`). */
export type VersionPins = Record<DocumentKind, Record<string, number>>;

/** A pre-publish check for a kind (the candidate is the parsed, validated draft); refuses by throwing a DomainError. */
export type PublishCheck = (ref: DocumentRef, candidate: unknown) => Promise<void>;

/** The storage side of versioning; the TypeORM repository implements it, tests use an in-memory fake. */
export interface DocumentStore {
  findDraft(ref: DocumentRef): Promise<DraftRecord | null>;
  listDrafts(bot: string, kind: DocumentKind): Promise<DraftRecord[]>;
  /** Creates revision 1; returns null when the document already exists. */
  createDraft(ref: DocumentRef, draft: unknown, actor: string): Promise<DraftRecord | null>;
  /** Compare-and-set on the revision; returns null when `expectedRevision` is stale (or the document is missing). */
  updateDraft(ref: DocumentRef, draft: unknown, expectedRevision: number, actor: string): Promise<DraftRecord | null>;
  /** Appends the next version number atomically (serialised per document). */
  insertVersion(
    ref: DocumentRef,
    v: { content: unknown; contentHash: string; author: string; note: string; nluModelVersion: string | null },
  ): Promise<VersionRecord>;
  listVersions(ref: DocumentRef): Promise<VersionSummary[]>;
  getVersion(ref: DocumentRef, number: number): Promise<VersionRecord | null>;
  /** Moves the live pointer (and canary) and writes the audit row in one transaction. */
  setRelease(
    ref: DocumentRef,
    release: { live: number | null; canary: number | null; canaryPercent: number },
    actor: string,
    reason: string,
  ): Promise<ReleaseAuditRecord>;
  listReleaseAudit(ref: DocumentRef): Promise<ReleaseAuditRecord[]>;
  /** Deletes every document of the bot with its versions and audit (the demo seeder's clean-up of a half-seeded bot). */
  removeBot(bot: string): Promise<void>;
  /** Live and canary pointers of the bot's released documents of `kinds` (what a new conversation pins), in one read. */
  listReleases(bot: string, kinds: readonly DocumentKind[]): Promise<ReleasePointer[]>;
}

/** One document's release pointers as a new conversation reads them. */
export interface ReleasePointer {
  kind: DocumentKind;
  key: string;
  live: number | null;
  canary: number | null;
  canaryPercent: number;
}

export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');
/** Optional provider of the bot's active NLU model version, recorded on publish (nlu-models). */
export const ACTIVE_MODEL_VERSION = Symbol('ACTIVE_MODEL_VERSION');
export interface ActiveModelVersionProvider {
  activeVersion(bot: string): Promise<string | null>;
}
