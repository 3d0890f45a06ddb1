import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type ModelDiff,
  type ModelList,
  type ModelMetrics,
  type ModelRelease,
  type ModelReleaseContent,
  modelReleaseContentSchema,
  type ModelVersion,
  nluDataSchema,
  type NluData,
} from '@zhishou/flow-schema';
import { type BundleData, bundleDataHash, holdoutSplit, intentExamplesOf, intentLabelsOf, metricsReport, emotionTrainingSet } from '@zhishou/nlu';
import { readCorpusDir } from '@zhishou/nlu/corpus';
import { ConflictError, NotFoundError, zodIssues } from '../../infra/http-server/errors';
import { OnnxNluModels } from '../../infra/inference/onnx-nlu-models';
import { MODEL_KEY, MODEL_KIND, ModelArtefacts, modelIdOf, readBundle } from '../inference/model-source';
import { MODELS_ROOT, NluQualityGate } from '../inference/nlu-quality';
import { LOGGER, type Logger } from '../../infra/logging/logger';
import { JobName } from '../../infra/queue/job-catalogue';
import { JobRegistry } from '../../infra/queue/job-registry';
import { QUEUE, type QueuePort } from '../../infra/queue/queue.port';
import { NluDataService } from '../nlu-data/nlu-data.service';
import { BotDirectory } from '../versioning/bot-directory';
import { contentHash } from '../versioning/canonical-json';
import { VersioningService } from '../versioning/versioning.service';
import type { DocumentRef, ReleaseAuditRecord } from '../versioning/versioning.types';
import type { NluModelVersionEntity } from './model.entities';
import { ModelsRepository } from './models.repository';
import { trainInWorker } from './train-in-worker';

export { MODELS_ROOT } from '../inference/nlu-quality';
/** Slot and emotion material for bots without their own corpus folder: the demo marketplace corpus. */
const FALLBACK_CORPUS_BOT = 'xianyu';

/** A version as the API returns it (`modelVersionSchema` in flow-schema). */
export type ModelVersionView = ModelVersion;

export function toView(v: NluModelVersionEntity, activeNumber: number | null, canary: { artefact: number; percent: number } | null = null): ModelVersionView {
  return {
    number: v.number,
    status: v.status as ModelVersion['status'],
    origin: v.origin as ModelVersion['origin'],
    dataHash: v.dataHash,
    metrics: (v.metrics ?? null) as ModelMetrics | null,
    progress: v.progress as ModelVersion['progress'],
    error: v.error,
    note: v.note,
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
    finishedAt: v.finishedAt?.toISOString() ?? null,
    active: v.number === activeNumber,
    canaryPercent: canary?.artefact === v.number ? canary.percent : null,
  };
}

/** The versioned content of a model release: the artefact and what its diff shows (data, settings, per-class metrics). */
export function releaseContent(v: NluModelVersionEntity): ModelReleaseContent {
  const metrics = (v.metrics ?? null) as ModelMetrics | null;
  return {
    artefact: v.number,
    dataHash: v.dataHash,
    settings: { origin: v.origin, note: v.note },
    perIntent: (metrics?.intent.per_class ?? []).map((c) => ({ label: c.label, f1: c.f1, support: c.support })),
    accuracy: metrics?.intent.accuracy ?? null,
    macroF1: metrics?.intent.macro_f1 ?? null,
  };
}

export function diffModels(from: ModelReleaseContent, to: ModelReleaseContent): Omit<ModelDiff, 'from' | 'to'> {
  const settings: ModelDiff['settings'] = (['origin', 'note'] as const).flatMap((field) => (from.settings[field] === to.settings[field] ? [] : [{ field, from: from.settings[field], to: to.settings[field] }]));
  settings.unshift(...(from.artefact === to.artefact ? [] : [{ field: 'artefact', from: String(from.artefact), to: String(to.artefact) }]));
  const labels = [...new Set([...from.perIntent.map((c) => c.label), ...to.perIntent.map((c) => c.label)])].sort();
  const f1 = (c: ModelReleaseContent, label: string) => c.perIntent.find((x) => x.label === label)?.f1 ?? null;
  return {
    data: { from: from.dataHash, to: to.dataHash, same: from.dataHash === to.dataHash },
    settings,
    metrics: { accuracy: [from.accuracy, to.accuracy], macroF1: [from.macroF1, to.macroF1] },
    perIntent: labels.map((label) => {
      const a = f1(from, label);
      const b = f1(to, label);
      return { label, from: a, to: b, delta: a !== null && b !== null ? Math.round((b - a) * 10) / 10 : null };
    }),
  };
}

/**
 * The NLU model registry: training as a queue job (progress per stage), stored ONNX artefacts with data
 * hash and metrics. Releasing an artefact goes through the one versioning (kind "model"): an immutable
 * version, a gate (no regression on the held-out split), a live pointer with canary and audit, pinned
 * into each conversation when it starts.
 */
@Injectable()
export class ModelsService implements OnModuleInit {
  private readonly shippedChecks = new Map<string, Promise<void>>();

  constructor(
    @Inject(ModelsRepository) private readonly repo: ModelsRepository,
    @Inject(NluDataService) private readonly nluData: NluDataService,
    @Inject(BotDirectory) private readonly bots: BotDirectory,
    @Inject(QUEUE) private readonly queue: QueuePort,
    @Inject(JobRegistry) private readonly jobs: JobRegistry,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(NluQualityGate) private readonly quality: NluQualityGate,
    @Inject(ModelArtefacts) private readonly artefacts: ModelArtefacts,
  ) {}

  onModuleInit(): void {
    // One training at a time per worker: training is CPU-bound and the machine is shared.
    this.jobs.register(JobName.NluTrain, (payload) => this.runTraining(payload.versionId), { concurrency: 1 });
    this.versioning.registerKind<ModelReleaseContent>(MODEL_KIND, {
      parse: (doc) => {
        const r = modelReleaseContentSchema.safeParse(doc);
        return r.success ? { ok: true, value: r.data } : { ok: false, issues: zodIssues(r.error) };
      },
      validate: () => [],
      diff: diffModels,
      pinned: true,
      // The candidate model with the live NLU data against the live model with the same data.
      gate: async (ref, candidate, live) => {
        const data = await this.nluData.live(ref.bot);
        return this.quality.compare(
          ref.bot,
          live ? { data, modelId: modelIdOf(ref.bot, live.artefact) } : null,
          { data, modelId: modelIdOf(ref.bot, candidate.artefact) },
        );
      },
    });
    this.artefacts.register({
      load: async (bot, artefact) => {
        const v = await this.repo.find(bot, artefact);
        const bytes = v && (await this.repo.artefacts(v.id));
        if (!bytes) throw new Error(`model version ${bot}@v${artefact} has no artefacts (not trained yet, or training failed)`);
        return bytes;
      },
      ensureReleased: (bot) => this.ensureShipped(bot),
    });
  }

  private ref(bot: string): DocumentRef {
    return { bot, kind: MODEL_KIND, key: MODEL_KEY };
  }

  /** Live and canary of the bot's model release, with their artefacts. */
  async release(bot: string): Promise<ModelRelease> {
    const r = await this.versioning.release(this.ref(bot));
    const artefactOf = async (version: number | null): Promise<number | null> =>
      version === null ? null : ((await this.versioning.getVersion(this.ref(bot), version)).content as ModelReleaseContent).artefact;
    if (!r) return { live: null, canary: null };
    const [live, canary] = await Promise.all([artefactOf(r.live), artefactOf(r.canary)]);
    return {
      live: r.live !== null && live !== null ? { version: r.live, artefact: live } : null,
      canary: r.canary !== null && canary !== null && r.canaryPercent > 0 ? { version: r.canary, artefact: canary, percent: r.canaryPercent } : null,
    };
  }

  async list(bot: string): Promise<ModelList> {
    await this.bots.require(bot);
    await this.ensureShipped(bot);
    const [versions, release, audit] = await Promise.all([this.repo.list(bot), this.release(bot), this.audit(bot)]);
    const active = release.live?.artefact ?? null;
    const canary = release.canary ? { artefact: release.canary.artefact, percent: release.canary.percent } : null;
    return { active, versions: versions.map((v) => toView(v, active, canary)), history: await this.history(bot, audit), release };
  }

  private async audit(bot: string): Promise<ReleaseAuditRecord[]> {
    return (await this.versioning.release(this.ref(bot))) ? this.versioning.releaseHistory(this.ref(bot)) : [];
  }

  /** Moves of the live pointer, newest first, as artefact numbers (canary-only changes are not activations). */
  private async history(bot: string, audit: ReleaseAuditRecord[]): Promise<ModelList['history']> {
    const artefacts = new Map<number, number>();
    const out: ModelList['history'] = [];
    for (const a of audit) {
      if (a.toVersion === null || a.toVersion === a.fromVersion) continue;
      let artefact = artefacts.get(a.toVersion);
      if (artefact === undefined) {
        artefact = ((await this.versioning.getVersion(this.ref(bot), a.toVersion)).content as ModelReleaseContent).artefact;
        artefacts.set(a.toVersion, artefact);
      }
      out.push({ number: artefact, actor: a.actor, activatedAt: a.createdAt.toISOString() });
    }
    return out;
  }

  async get(bot: string, number: number): Promise<ModelVersionView> {
    await this.bots.require(bot);
    const v = await this.repo.find(bot, number);
    if (!v) throw new NotFoundError('model version', String(number));
    const release = await this.release(bot);
    return toView(v, release.live?.artefact ?? null, release.canary);
  }

  async requestTraining(bot: string, actor: string, note: string): Promise<ModelVersionView> {
    await this.bots.require(bot);
    await this.ensureShipped(bot);
    const v = await this.repo.create(bot, { status: 'queued', origin: 'trained', createdBy: actor, note, progress: { stage: 'queued', percent: 0 } });
    await this.queue.enqueue(JobName.NluTrain, { bot, versionId: v.id }, { jobId: `nlu-train-${v.id}` });
    const release = await this.release(bot);
    return toView(v, release.live?.artefact ?? null, release.canary);
  }

  /** The queue job: trains, evaluates, stores the artefacts; a failure is recorded on the version. */
  async runTraining(versionId: string): Promise<void> {
    const v = await this.repo.findById(versionId);
    if (!v || v.status === 'ready' || v.status === 'failed') return;
    const started = Date.now();
    try {
      await this.repo.update(v.id, { status: 'training', progress: { stage: 'loading', percent: 2 } });
      const data = await this.trainingData(v.botKey);
      const dataHash = bundleDataHash(data);
      await this.repo.update(v.id, { dataHash, progress: { stage: 'intent', percent: 5 } });
      // Stage weights of the overall percent (intent, slots, emotion, evaluate); DB writes at most every 300 ms.
      const span: Record<string, [number, number]> = { intent: [5, 45], slots: [45, 75], emotion: [75, 92], evaluate: [92, 98] };
      let lastWrite = 0;
      let writing: Promise<void> = Promise.resolve();
      const { onnx, metrics } = await trainInWorker(data, (stage, done, total) => {
        const [from, to] = span[stage] ?? [5, 98];
        const percent = Math.round(from + ((to - from) * done) / Math.max(1, total));
        const now = Date.now();
        if (now - lastWrite < 300 && done < total) return;
        lastWrite = now;
        writing = writing.then(() => this.repo.update(v.id, { progress: { stage, percent, epoch: done, epochs: total } })).catch(() => undefined);
      });
      await writing;
      await this.repo.update(v.id, {
        status: 'ready',
        metrics: metricsReport(metrics, (Date.now() - started) / 1000),
        progress: { stage: 'done', percent: 100 },
        intentOnnx: Buffer.from(onnx.intent),
        slotsOnnx: Buffer.from(onnx.slots),
        emotionOnnx: Buffer.from(onnx.emotion),
        finishedAt: new Date(),
      });
      this.logger.info({ bot: v.botKey, version: v.number, seconds: (Date.now() - started) / 1000 }, 'nlu model trained');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.repo.update(v.id, { status: 'failed', error: message, progress: { stage: 'failed', percent: 100 }, finishedAt: new Date() });
      this.logger.warn({ err: error, bot: v.botKey, version: v.number }, 'nlu model training failed');
    }
  }

  /** Activates (or rolls back to) a ready version: live for new conversations, the canary (if any) ends. */
  async activate(bot: string, number: number, actor: string): Promise<ModelVersionView> {
    return this.releaseArtefact(bot, number, actor, null);
  }

  /** Releases a ready version as a canary: `percent` of new conversations start on it, sticky per conversation. */
  async canary(bot: string, number: number, percent: number, actor: string): Promise<ModelVersionView> {
    return this.releaseArtefact(bot, number, actor, percent);
  }

  /** Data, settings and per-class metrics of two artefacts side by side. */
  async diff(bot: string, from: number, to: number): Promise<ModelDiff> {
    await this.bots.require(bot);
    const [a, b] = await Promise.all([this.repo.find(bot, from), this.repo.find(bot, to)]);
    if (!a) throw new NotFoundError('model version', String(from));
    if (!b) throw new NotFoundError('model version', String(to));
    return { from: { number: from }, to: { number: to }, ...diffModels(releaseContent(a), releaseContent(b)) };
  }

  /**
   * The artefact's release version (published behind the gate the first time; an artefact released
   * before is not gated again, so a rollback always works), then the live pointer or the canary share.
   */
  private async releaseArtefact(bot: string, number: number, actor: string, canaryPercent: number | null): Promise<ModelVersionView> {
    await this.bots.require(bot);
    await this.ensureShipped(bot);
    const v = await this.repo.find(bot, number);
    if (!v) throw new NotFoundError('model version', String(number));
    if (v.status !== 'ready') throw new ConflictError('model_not_ready', `model version ${number} is ${v.status}, not ready`, {}, { version: number, status: v.status });
    const artefacts = await this.repo.artefacts(v.id);
    if (!artefacts) throw new ConflictError('model_invalid', `model version ${number} has no artefacts`, {}, { version: number });
    try {
      const loaded = await OnnxNluModels.load(`${bot}@v${number}`, artefacts);
      await loaded.release();
    } catch (error) {
      throw new ConflictError('model_invalid', error instanceof Error ? error.message : String(error), {}, { version: number });
    }
    const current = await this.versioning.release(this.ref(bot));
    if (canaryPercent !== null && current?.live == null) throw new ConflictError('no_live_model', 'a canary needs a live model version to split with; activate one first');
    const version = await this.releaseVersion(bot, v, actor);
    if (canaryPercent === null) {
      await this.versioning.setLive(this.ref(bot), { version, reason: `activate model ${number}` }, actor);
    } else {
      if (version === current!.live) throw new ConflictError('already_live', `model version ${number} is already live`);
      await this.versioning.setLive(this.ref(bot), { version: current!.live!, canary: { version, percent: canaryPercent }, reason: `canary model ${number} at ${canaryPercent}%` }, actor);
    }
    return this.get(bot, number);
  }

  /** The versioning version that releases artefact `v` (an existing one, or a new one published through the gate). */
  private async releaseVersion(bot: string, v: NluModelVersionEntity, actor: string): Promise<number> {
    const ref = this.ref(bot);
    const content = releaseContent(v);
    const existing = (await this.versioning.release(ref)) ? await this.versioning.listVersions(ref) : [];
    const same = existing.find((e) => e.contentHash === contentHash(content));
    if (same) return same.number;
    const draft = (await this.versioning.release(ref)) ? await this.versioning.getDraft(ref) : null;
    if (draft) await this.versioning.saveDraft(ref, content, draft.revision, actor);
    else await this.versioning.create(ref, content, actor);
    return (await this.versioning.publish(ref, { note: `model ${v.number}${v.note ? `: ${v.note}` : ''}` }, actor)).number;
  }

  /** Registers the committed `models/<bot>/` files as version 1 and releases it when the bot has no models (or adopts the registry's last activation). */
  ensureShipped(bot: string): Promise<void> {
    let p = this.shippedChecks.get(bot);
    if (!p) {
      p = this.registerShipped(bot).catch((error: unknown) => {
        this.shippedChecks.delete(bot);
        throw error;
      });
      this.shippedChecks.set(bot, p);
    }
    return p;
  }

  private async registerShipped(bot: string): Promise<void> {
    if (await this.versioning.release(this.ref(bot))) return;
    if (!(await this.bots.find(bot))) return;
    // Installations from before models were versioned: their last activation becomes the live release.
    const legacy = await this.repo.active(bot);
    if (legacy) {
      const v = await this.repo.find(bot, legacy.number);
      if (v) await this.versioning.setLive(this.ref(bot), { version: await this.releaseVersion(bot, v, legacy.actor), reason: 'adopted from the model registry' }, legacy.actor);
      return;
    }
    const dir = join(MODELS_ROOT, bot);
    if (!['intent', 'slots', 'emotion'].every((p) => existsSync(join(dir, p, 'model.onnx')))) return;
    const bundle = await readBundle(dir);
    const metricsFile = join(dir, 'metrics.json');
    const v = await this.repo.createIfNone(bot, {
      status: 'ready',
      origin: 'shipped',
      createdBy: 'system',
      note: `shipped models/${bot} (npm run train)`,
      metrics: existsSync(metricsFile) ? (JSON.parse(readFileSync(metricsFile, 'utf8')) as unknown) : null,
      progress: { stage: 'done', percent: 100 },
      intentOnnx: Buffer.from(bundle.intent),
      slotsOnnx: Buffer.from(bundle.slots),
      emotionOnnx: Buffer.from(bundle.emotion),
      finishedAt: new Date(),
    });
    if (v) await this.versioning.setLive(this.ref(bot), { version: await this.releaseVersion(bot, v, 'system'), reason: 'shipped models' }, 'system');
  }

  /** Intents from the bot's current NLU data; slots / emotion from its corpus folder (or the demo one). */
  private async trainingData(bot: string): Promise<BundleData> {
    const rec = await this.nluData.find(bot);
    const nlu: NluData = nluDataSchema.parse(rec?.draft ?? {});
    const examples = intentExamplesOf(nlu);
    if (examples.length < 2 || new Set(examples.map((e) => e.label)).size < 2) throw new Error('the bot needs at least two intents with examples to train');
    const own = join(MODELS_ROOT, bot, 'corpus');
    const corpus = readCorpusDir(existsSync(own) ? own : join(MODELS_ROOT, FALLBACK_CORPUS_BOT, 'corpus'), nlu);
    const labels = new Set(intentLabelsOf(nlu));
    const ownTest = existsSync(own) && corpus.intentTest?.every((t) => labels.has(t.label)) ? corpus.intentTest : null;
    const intents = ownTest ? { train: examples, test: ownTest } : holdoutSplit(examples);
    return { intentLabels: [...labels], intents, slots: corpus.slots, emotions: { train: emotionTrainingSet(corpus.emotions.train, nlu), test: corpus.emotions.test } };
  }
}

