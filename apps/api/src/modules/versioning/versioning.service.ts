import { Inject, Injectable, Optional } from '@nestjs/common';
import type { FlowDraft, ValidationIssueWire } from '@zhishou/flow-schema';
import { ConflictError, DomainError, NotFoundError, ValidationFailedError } from '../../infra/http-server/errors';
import { pickPins } from './canary';
import { contentHash } from './canonical-json';
import {
  ACTIVE_MODEL_VERSION,
  DOCUMENT_STORE,
  type ActiveModelVersionProvider,
  type DocumentKind,
  type DocumentRef,
  type DocumentStore,
  type DraftRecord,
  type GateResult,
  type KindDescriptor,
  type PublishCheck,
  type ReleaseAuditRecord,
  type ReleasePointer,
  type VersionRecord,
  type VersionPins,
  type VersionSummary,
} from './versioning.types';

/** A draft as the api sends it (`draftViewSchemaOf` in @zhishou/flow-schema); the document is the kind's. */
export type DraftView = Omit<FlowDraft, 'document'> & { document: unknown };

export function toDraftView(d: DraftRecord): DraftView {
  return {
    key: d.key,
    kind: d.kind,
    document: d.draft,
    revision: d.revision,
    updatedBy: d.updatedBy,
    updatedAt: d.updatedAt.toISOString(),
    liveVersion: d.liveVersion,
    canary: d.canaryVersion !== null ? { version: d.canaryVersion, percent: d.canaryPercent } : null,
  };
}

function validationFailed(issues: { path: string; message: string }[]): ValidationFailedError {
  return new ValidationFailedError(issues);
}

function staleRevision(current: DraftRecord): ConflictError {
  return new ConflictError('stale_revision', 'someone saved a newer revision', {
    current: { revision: current.revision, updatedBy: current.updatedBy, updatedAt: current.updatedAt.toISOString() },
  }, { revision: current.revision, updatedBy: current.updatedBy });
}

/**
 * Drafts, versions and releases for every document kind. Kinds plug in their schema and validator
 * through `registerKind` (flows here, rule sets in the rules module), so there is one mechanism.
 */
@Injectable()
export class VersioningService {
  private readonly kinds = new Map<DocumentKind, KindDescriptor>();
  private readonly releaseListeners: ((ref: DocumentRef) => void)[] = [];
  private readonly publishChecks = new Map<DocumentKind, PublishCheck[]>();

  constructor(
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Optional() @Inject(ACTIVE_MODEL_VERSION) private readonly models?: ActiveModelVersionProvider | null,
  ) {}

  /** Registers a kind of document (schema, validation, gate, diff, pinned); see README.md. */
  registerKind<T>(kind: DocumentKind, descriptor: KindDescriptor<T>): void {
    this.kinds.set(kind, descriptor as KindDescriptor);
  }

  /** Kinds a conversation pins when it starts. */
  pinnedKinds(): DocumentKind[] {
    return [...this.kinds].flatMap(([kind, d]) => (d.pinned ? [kind] : []));
  }

  /** The document's release pointers, or null when it does not exist. */
  async release(ref: DocumentRef): Promise<{ live: number | null; canary: number | null; canaryPercent: number } | null> {
    const d = await this.store.findDraft(ref);
    return d ? { live: d.liveVersion, canary: d.canaryVersion, canaryPercent: d.canaryPercent } : null;
  }

  /** Runs the kind's gate on the saved draft without publishing (what the publish button would get). */
  async gate(ref: DocumentRef): Promise<GateResult> {
    const draft = await this.getDraft(ref);
    return this.runGate(ref, draft, this.parseOrThrow(ref.kind, draft.draft));
  }

  private async runGate(ref: DocumentRef, draft: DraftRecord, candidate: unknown): Promise<GateResult> {
    const descriptor = this.policy(ref.kind);
    if (!descriptor.gate) return { passed: true, message: 'this kind has no gate', details: {} };
    const live = draft.liveVersion === null ? null : (await this.getVersion(ref, draft.liveVersion)).content;
    return descriptor.gate(ref, candidate, live === null ? null : this.parseOrThrow(ref.kind, live));
  }

  /** The draft against the live version: whether they differ, and how (the kind's diff). */
  async draftStatus(ref: DocumentRef): Promise<{ liveVersion: number | null; revision: number; identical: boolean; changes: unknown }> {
    const draft = await this.getDraft(ref);
    const value = this.parseOrThrow(ref.kind, draft.draft);
    if (draft.liveVersion === null) return { liveVersion: null, revision: draft.revision, identical: false, changes: null };
    const live = await this.getVersion(ref, draft.liveVersion);
    const descriptor = this.policy(ref.kind);
    const identical = contentHash(value) === live.contentHash;
    return {
      liveVersion: draft.liveVersion,
      revision: draft.revision,
      identical,
      changes: descriptor.diff ? descriptor.diff(this.parseOrThrow(ref.kind, live.content), value) : null,
    };
  }

  /** Runs before a document of `kind` is published; a check refuses by throwing (the test-case gate). */
  addPublishCheck(kind: DocumentKind, check: PublishCheck): void {
    this.publishChecks.set(kind, [...(this.publishChecks.get(kind) ?? []), check]);
  }

  /** Called after a live pointer moves (caches of live versions listen). */
  onRelease(listener: (ref: DocumentRef) => void): void {
    this.releaseListeners.push(listener);
  }

  private policy(kind: DocumentKind): KindDescriptor {
    const p = this.kinds.get(kind);
    if (!p) throw new Error(`document kind "${kind}" is not registered`);
    return p;
  }

  private parseOrThrow(kind: DocumentKind, document: unknown): unknown {
    const parsed = this.policy(kind).parse(document);
    if (!parsed.ok) throw validationFailed(parsed.issues);
    return parsed.value;
  }

  async list(bot: string, kind: DocumentKind): Promise<DraftView[]> {
    return (await this.store.listDrafts(bot, kind)).map(toDraftView);
  }

  /** Live and canary pointers of the bot's released documents of `kind` (a new conversation pins them). */
  async releases(bot: string, kind: DocumentKind): Promise<ReleasePointer[]> {
    return this.store.listReleases(bot, [kind]);
  }

  /**
   * The pins of a conversation that starts now: a version of every released document of every pinned
   * kind (live, or canary sticky by `conversationKey`), each pinned kind present even when it has none.
   * One read of the release pointers.
   */
  async startPins(bot: string, conversationKey: string): Promise<VersionPins> {
    const kinds = this.pinnedKinds();
    const pins: VersionPins = Object.fromEntries(kinds.map((k) => [k, {}]));
    return { ...pins, ...pickPins(await this.store.listReleases(bot, kinds), conversationKey) };
  }

  async getDraft(ref: DocumentRef): Promise<DraftRecord> {
    const d = await this.store.findDraft(ref);
    if (!d) throw new NotFoundError(ref.kind, ref.key);
    return d;
  }

  async create(ref: DocumentRef, document: unknown, actor: string): Promise<DraftRecord> {
    const value = this.parseOrThrow(ref.kind, document);
    const created = await this.store.createDraft(ref, value, actor);
    if (!created) throw new ConflictError('already_exists', `${ref.kind} "${ref.key}" already exists`, {}, { kind: ref.kind, name: ref.key });
    return created;
  }

  /** Saves the draft if `revision` is current; a stale revision is refused with who saved last and when. */
  async saveDraft(ref: DocumentRef, document: unknown, revision: number, actor: string): Promise<DraftRecord> {
    const value = this.parseOrThrow(ref.kind, document);
    const saved = await this.store.updateDraft(ref, value, revision, actor);
    if (saved) return saved;
    throw staleRevision(await this.getDraft(ref));
  }

  async validate(ref: DocumentRef, document: unknown): Promise<{ valid: boolean; issues: ValidationIssueWire[] }> {
    const value = this.parseOrThrow(ref.kind, document);
    const issues = await this.policy(ref.kind).validate(value, { bot: ref.bot, key: ref.key });
    return { valid: !issues.some((i) => i.severity === 'error'), issues };
  }

  /**
   * Publishes the current draft as the next immutable version. Refused (400 with the issues) while
   * validation reports errors; `revision`, when given, guards against publishing a draft the caller has not seen.
   */
  async publish(ref: DocumentRef, input: { note: string; revision?: number }, actor: string): Promise<VersionRecord> {
    return (await this.publishGated(ref, input, actor)).version;
  }

  /** `publish`, also returning what the kind's gate found (it passed, or nothing was published). */
  async publishGated(ref: DocumentRef, input: { note: string; revision?: number }, actor: string): Promise<{ version: VersionRecord; gate: GateResult }> {
    const draft = await this.getDraft(ref);
    if (input.revision !== undefined && input.revision !== draft.revision) {
      throw staleRevision(draft);
    }
    const value = this.parseOrThrow(ref.kind, draft.draft);
    const issues = await this.policy(ref.kind).validate(value, { bot: ref.bot, key: ref.key });
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      // Same 400 shape as a parse failure; the flow issues keep their code and node/edge ids for the designer.
      throw new DomainError(400, 'validation_failed', 'the document has validation errors', {
        issues: errors.map((i) => ({ ...i, path: i.path ?? i.nodeId ?? i.edgeId ?? '', message: i.message ?? i.messageKey ?? i.code })),
      });
    }
    for (const check of this.publishChecks.get(ref.kind) ?? []) await check(ref, value);
    const gate = await this.runGate(ref, draft, value);
    // Same code as the flows' test-case check, so the designer shows every kind's refusal one way.
    if (!gate.passed) throw new DomainError(400, 'tests_failed', gate.message, { gate: gate.details });
    const nluModelVersion = this.models ? await this.models.activeVersion(ref.bot) : null;
    const version = await this.store.insertVersion(ref, { content: value, contentHash: contentHash(value), author: actor, note: input.note, nluModelVersion });
    return { version, gate };
  }

  async listVersions(ref: DocumentRef): Promise<VersionSummary[]> {
    await this.getDraft(ref);
    return this.store.listVersions(ref);
  }

  async getVersion(ref: DocumentRef, number: number): Promise<VersionRecord> {
    const v = await this.store.getVersion(ref, number);
    if (!v) throw new NotFoundError(`${ref.kind} "${ref.key}" version`, String(number));
    return v;
  }

  /** Sets the live version (an earlier number is a rollback); optionally a canary share for another version. */
  async setLive(
    ref: DocumentRef,
    input: { version: number; reason?: string; canary?: { version: number; percent: number } | null },
    actor: string,
  ): Promise<ReleaseAuditRecord> {
    await this.getVersion(ref, input.version);
    if (input.canary) {
      await this.getVersion(ref, input.canary.version);
      if (input.canary.version === input.version) throw validationFailed([{ path: 'canary.version', message: 'the canary must differ from the live version' }]);
    }
    const audit = await this.store.setRelease(
      ref,
      { live: input.version, canary: input.canary?.version ?? null, canaryPercent: input.canary?.percent ?? 0 },
      actor,
      input.reason ?? '',
    );
    for (const l of this.releaseListeners) l(ref);
    return audit;
  }

  async releaseHistory(ref: DocumentRef): Promise<ReleaseAuditRecord[]> {
    await this.getDraft(ref);
    return this.store.listReleaseAudit(ref);
  }

  /** Deletes every document of the bot, all kinds, with versions and audit (the demo seeder's clean-up; no listeners run). */
  removeBot(bot: string): Promise<void> {
    return this.store.removeBot(bot);
  }

  async diff(ref: DocumentRef, from: number, to: number): Promise<unknown> {
    const [a, b] = await Promise.all([this.getVersion(ref, from), this.getVersion(ref, to)]);
    const policy = this.policy(ref.kind);
    return {
      from: { number: a.number, contentHash: a.contentHash },
      to: { number: b.number, contentHash: b.contentHash },
      identical: a.contentHash === b.contentHash,
      changes: policy.diff ? policy.diff(a.content, b.content) : null,
    };
  }
}
