import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type ModelList, type ModelMetrics, type ModelVersion, nluDataSchema, type NluData } from '@zhishou/flow-schema';
import { type BundleData, bundleDataHash, holdoutSplit, intentExamplesOf, intentLabelsOf, metricsReport, emotionTrainingSet } from '@zhishou/nlu';
import { readCorpusDir } from '@zhishou/nlu/corpus';
import { REPO_ROOT } from '../../infra/config/config';
import { ConflictError, NotFoundError } from '../../infra/http-server/errors';
import { readBundle } from '../../infra/inference/onnx/model-source';
import { OnnxNluModels } from '../../infra/inference/onnx/onnx-nlu-models';
import { LOGGER, type Logger } from '../../infra/logging/logger';
import { JobName } from '../../infra/queue/job-catalogue';
import { JobRegistry } from '../../infra/queue/job-registry';
import { QUEUE, type QueuePort } from '../../infra/queue/queue.port';
import { NluDataService } from '../nlu-data/nlu-data.service';
import { BotDirectory } from '../versioning/bot-directory';
import type { NluModelActivationEntity, NluModelVersionEntity } from './model.entities';
import { ModelsRepository } from './models.repository';
import { trainInWorker } from './train-in-worker';

export const MODELS_ROOT = join(REPO_ROOT, 'models');
/** Slot and emotion material for bots without their own corpus folder: the demo marketplace corpus. */
const FALLBACK_CORPUS_BOT = 'xianyu';

/** A version as the API returns it (`modelVersionSchema` in flow-schema). */
export type ModelVersionView = ModelVersion;

export function toView(v: NluModelVersionEntity, activeNumber: number | null): ModelVersionView {
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
  };
}

/**
 * The NLU model registry: training as a queue job (progress per stage), immutable versions with data
 * hash, metrics and ONNX artefacts, activation / rollback with an audit log.
 */
@Injectable()
export class ModelsService implements OnModuleInit {
  private readonly activationListeners: ((bot: string) => void)[] = [];
  private readonly shippedChecks = new Map<string, Promise<void>>();

  constructor(
    @Inject(ModelsRepository) private readonly repo: ModelsRepository,
    @Inject(NluDataService) private readonly nluData: NluDataService,
    @Inject(BotDirectory) private readonly bots: BotDirectory,
    @Inject(QUEUE) private readonly queue: QueuePort,
    @Inject(JobRegistry) private readonly jobs: JobRegistry,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    // One training at a time per worker: training is CPU-bound and the machine is shared.
    this.jobs.register(JobName.NluTrain, (payload) => this.runTraining(payload.versionId), { concurrency: 1 });
  }

  onActivated(listener: (bot: string) => void): void {
    this.activationListeners.push(listener);
  }

  async list(bot: string): Promise<ModelList> {
    await this.bots.require(bot);
    await this.ensureShipped(bot);
    const [versions, history] = await Promise.all([this.repo.list(bot), this.repo.history(bot)]);
    const active = history[0]?.number ?? null;
    return { active, versions: versions.map((v) => toView(v, active)), history: history.map(historyView) };
  }

  async get(bot: string, number: number): Promise<ModelVersionView> {
    await this.bots.require(bot);
    const v = await this.repo.find(bot, number);
    if (!v) throw new NotFoundError('model version', String(number));
    return toView(v, (await this.repo.active(bot))?.number ?? null);
  }

  async requestTraining(bot: string, actor: string, note: string): Promise<ModelVersionView> {
    await this.bots.require(bot);
    await this.ensureShipped(bot);
    const v = await this.repo.create(bot, { status: 'queued', origin: 'trained', createdBy: actor, note, progress: { stage: 'queued', percent: 0 } });
    await this.queue.enqueue(JobName.NluTrain, { bot, versionId: v.id }, { jobId: `nlu-train-${v.id}` });
    return toView(v, (await this.repo.active(bot))?.number ?? null);
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

  /** Activates (or rolls back to) a ready version after proving its artefacts load; the active one stays otherwise. */
  async activate(bot: string, number: number, actor: string): Promise<ModelVersionView> {
    await this.bots.require(bot);
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
    await this.repo.activate(bot, v, actor);
    for (const l of this.activationListeners) l(bot);
    return toView(v, number);
  }

  /** Registers the committed `models/<bot>/` files as version 1 (active) when the bot has no versions. */
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
    const dir = join(MODELS_ROOT, bot);
    if (!['intent', 'slots', 'emotion'].every((p) => existsSync(join(dir, p, 'model.onnx')))) return;
    if (!(await this.bots.find(bot))) return;
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
    if (v) await this.repo.activate(bot, v, 'system');
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

function historyView(a: NluModelActivationEntity): { number: number; actor: string; activatedAt: string } {
  return { number: a.number, actor: a.actor, activatedAt: a.activatedAt.toISOString() };
}
