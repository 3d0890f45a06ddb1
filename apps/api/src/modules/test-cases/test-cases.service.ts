import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { describeFailures, replayTestCase } from '@zhishou/engine';
import { parseFlow, testCaseSchema, type Flow } from '@zhishou/flow-schema';
import { ConflictError, DomainError, NotFoundError } from '../../infra/http-server/errors';
import { parseOrThrow } from '../../infra/http-server/validation';
import { INFERENCE, type InferencePort } from '../inference/inference.port';
import { FlowVersionCache } from '../conversations/flow-cache';
import { enginePorts } from '../conversations/ports/engine-ports';
import { ENGINE_SHARED_PORTS, type SharedPorts } from '../conversations/ports/shared-ports';
import { FLOW_KIND, FlowsService } from '../flows/flows.service';
import { VersioningService } from '../versioning/versioning.service';
import type { DocumentRef } from '../versioning/versioning.types';
import { TestCasesRepository, type StoredTestCase } from './test-cases.repository';
import { flowsReaching, recordedHttp, report, type TestCaseResult, type TestRunReport } from './test-run';

/** Which document of the flow under test to run: its draft, a published version, or a publish candidate. */
export type RunTarget = { draft: true } | { version: number } | { candidate: Flow };

/**
 * Test cases of flows and the release gate: a flow is published only when its test cases (and
 * those of every flow that calls it) pass against the candidate, replayed through the real engine,
 * the bot's inference port and the chat turn's engine ports.
 */
@Injectable()
export class TestCasesService implements OnModuleInit {
  constructor(
    @Inject(TestCasesRepository) private readonly repo: TestCasesRepository,
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(FlowsService) private readonly flows: FlowsService,
    @Inject(INFERENCE) private readonly inference: InferencePort,
    @Inject(ENGINE_SHARED_PORTS) private readonly shared: SharedPorts,
    @Inject(FlowVersionCache) private readonly versions: FlowVersionCache,
  ) {}

  onModuleInit(): void {
    this.versioning.addPublishCheck(FLOW_KIND, (ref, candidate) => this.gate(ref, candidate as Flow));
  }

  /** Refuses a publish (400 tests_failed with every result) when any affected test case fails. */
  async gate(ref: DocumentRef, candidate: Flow): Promise<void> {
    const run = await this.runAffected(ref.bot, ref.key, candidate);
    if (run.passed) return;
    throw new DomainError(400, 'tests_failed', `${run.failed} of ${run.total} test cases failed`, { ...run }, { failed: run.failed, total: run.total });
  }

  async list(bot: string, flow: string): Promise<StoredTestCase[]> {
    await this.requireFlow(bot, flow);
    return this.repo.list(bot, [flow]);
  }

  async get(bot: string, flow: string, id: string): Promise<StoredTestCase> {
    await this.requireFlow(bot, flow);
    const found = await this.repo.find(bot, flow, id);
    if (!found) throw new NotFoundError('test case', id);
    return found;
  }

  async create(bot: string, flow: string, input: unknown, actor: string): Promise<StoredTestCase> {
    await this.requireFlow(bot, flow);
    const testCase = parseOrThrow(testCaseSchema, input);
    const created = await this.repo.insert(bot, flow, testCase, actor);
    if (!created) throw new ConflictError('already_exists', `flow "${flow}" already has a test case named "${testCase.name}"`, {}, { name: testCase.name });
    return created;
  }

  async update(bot: string, flow: string, id: string, input: unknown, actor: string): Promise<StoredTestCase> {
    await this.requireFlow(bot, flow);
    const testCase = parseOrThrow(testCaseSchema, input);
    const updated = await this.repo.update(bot, flow, id, testCase, actor);
    if (updated === 'name_taken') throw new ConflictError('already_exists', `flow "${flow}" already has a test case named "${testCase.name}"`, {}, { name: testCase.name });
    if (!updated) throw new NotFoundError('test case', id);
    return updated;
  }

  async remove(bot: string, flow: string, id: string): Promise<void> {
    await this.requireFlow(bot, flow);
    if (!(await this.repo.remove(bot, flow, id))) throw new NotFoundError('test case', id);
  }

  /** Runs the flow's own test cases against its draft or a published version. */
  async run(bot: string, flow: string, target: RunTarget): Promise<TestRunReport> {
    await this.requireFlow(bot, flow);
    const flows = await this.flowSet(bot, flow, target);
    return report(await this.replayAll(bot, flows, await this.repo.list(bot, [flow])));
  }

  /** The candidate's own test cases plus those of every flow that can call it. */
  async runAffected(bot: string, flow: string, candidate: Flow): Promise<TestRunReport> {
    const flows = await this.flowSet(bot, flow, { candidate });
    return report(await this.replayAll(bot, flows, await this.repo.list(bot, flowsReaching(flow, flows))));
  }

  private async replayAll(bot: string, flows: ReadonlyMap<string, Flow>, cases: StoredTestCase[]): Promise<TestCaseResult[]> {
    const results: TestCaseResult[] = [];
    // One at a time: cases are short, and a publish should not flood the inference port.
    for (const stored of cases) results.push(await this.replayOne(bot, flows, stored));
    return results;
  }

  private async replayOne(bot: string, flows: ReadonlyMap<string, Flow>, stored: StoredTestCase): Promise<TestCaseResult> {
    const base = { id: stored.id, name: stored.name, flow: stored.flow };
    const start = flows.get(stored.flow);
    if (!start) return { ...base, passed: false, turns: [], failures: [`flow "${stored.flow}" has no document that parses`] };
    const ports = enginePorts({ ...this.shared, http: recordedHttp(stored.testCase.http, this.shared.http) }, flows);
    const analyze = (text: string, image?: string) => this.inference.analyze(bot, text, image ? { image } : undefined);
    const result = await replayTestCase(start, stored.testCase, { ports, analyze });
    return { ...base, passed: result.passed, turns: result.turns, failures: describeFailures(result) };
  }

  /**
   * The flows a run sees: the flow under test as targeted; the others as drafts for a draft run
   * (like the designer's test chat), else as their live versions (their drafts when never published).
   */
  private async flowSet(bot: string, flowKey: string, target: RunTarget): Promise<Map<string, Flow>> {
    const drafts = await this.versioning.list(bot, FLOW_KIND);
    const pins: Record<string, number> = {};
    if (!('draft' in target)) for (const d of drafts) if (d.key !== flowKey && d.liveVersion !== null) pins[d.key] = d.liveVersion;
    if ('version' in target) pins[flowKey] = target.version;
    // Published versions come from the chat turn's cache of immutable versions.
    const published = await this.versions.getMany(bot, pins);
    if ('version' in target && !published.has(flowKey)) throw new NotFoundError(`flow "${flowKey}" version`, String(target.version));
    const flows = new Map<string, Flow>();
    for (const d of drafts) {
      if (d.key === flowKey && 'candidate' in target) flows.set(flowKey, target.candidate);
      else if (published.has(d.key)) flows.set(d.key, published.get(d.key)!);
      else {
        const parsed = parseFlow(d.document);
        if (parsed.ok) flows.set(d.key, parsed.flow);
      }
    }
    return flows;
  }

  private async requireFlow(bot: string, flow: string): Promise<void> {
    await this.versioning.getDraft(await this.flows.ref(bot, flow));
  }
}
