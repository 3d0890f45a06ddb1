import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  deadLettersSchema,
  deliveriesQuerySchema,
  deliveryListSchema,
  fireLogSchema,
  firesQuerySchema,
  retryDeliverySchema,
  ruleOverviewSchema,
  ruleSetSchema,
  simulateRequestSchema,
  simulationSchema,
  type RuleSet,
} from '@zhishou/flow-schema';
import { InvalidRuleSetError, InvalidTimelineError, simulate, type SimulationEntry } from '@zhishou/rules';
import { z } from 'zod';
import { NotFoundError, ValidationFailedError } from '../../infra/http-server/errors';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { Roles } from '../auth/decorators';
import { VersioningService } from '../versioning/versioning.service';
import { RULESET_KIND } from './ruleset-kind';
import { RuleSetsService } from './rulesets.service';
import { TriggerRepository } from './trigger.repository';
import { TriggerRunner } from './trigger-runner.service';
import { TRIGGER_CONDITIONS } from './trigger-runner.service';
import type { ConditionEvaluator } from '@zhishou/flow-schema';

const simulateBody = simulateRequestSchema;
const firesQuery = firesQuerySchema;
const deliveriesQuery = deliveriesQuerySchema;
const RULES = '/v1/bots/:bot/rules';
const noBot = 'not_found: no such bot';
documentRoutes([
  { method: 'GET', path: RULES, tag: 'rules', summary: 'Every rule of every rule set: draft/live status, pending triggers, outcome counts, last fire', response: ruleOverviewSchema, errors: { 404: noBot } },
  { method: 'POST', path: `${RULES}/simulate`, tag: 'rules', status: 200, summary: 'Simulate a timeline of events against a rule set (posted or stored): what would be scheduled, cancelled, fired or skipped, and when; nothing is stored or sent', body: simulateBody, response: simulationSchema, errors: { 404: 'not_found: no such bot, rule set or version' } },
  { method: 'GET', path: `${RULES}/fires`, tag: 'rules', summary: 'The fire log, newest first (outcome, reason, error, rendered actions, versions, lateness)', query: firesQuery, response: fireLogSchema, errors: { 404: noBot } },
  { method: 'GET', path: `${RULES}/deliveries`, tag: 'rules', summary: 'Action deliveries (outbox), most recently touched first', query: deliveriesQuery, response: deliveryListSchema, errors: { 404: noBot } },
  { method: 'GET', path: `${RULES}/dead-letters`, tag: 'rules', summary: 'Dead letters: triggers whose evaluation kept failing and deliveries that kept failing', response: deadLettersSchema, errors: { 404: noBot } },
  { method: 'POST', path: `${RULES}/deliveries/:id/retry`, tag: 'rules', roles: ['publisher'], status: 202, summary: 'Retry a dead delivery (after fixing the receiver)', response: retryDeliverySchema, errors: { 400: 'validation_failed: `id` is not a uuid', 404: 'not_found: no such bot or dead delivery' } },
]);

/** The designer's view of trigger rules: status and last fires, simulation, fire history, dead letters. */
@Controller('bots/:bot/rules')
export class RulesController {
  constructor(
    @Inject(RuleSetsService) private readonly ruleSets: RuleSetsService,
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(TriggerRepository) private readonly repo: TriggerRepository,
    @Inject(TriggerRunner) private readonly runner: TriggerRunner,
    @Inject(TRIGGER_CONDITIONS) private readonly conditions: ConditionEvaluator,
  ) {}

  /** Every rule of every rule set: in the draft and/or the live version, enabled, pending triggers, outcome counts, last fire. */
  @Get()
  async list(@Param('bot') bot: string) {
    await this.ruleSets.requireBot(bot);
    const [drafts, stats] = await Promise.all([this.versioning.list(bot, RULESET_KIND), this.repo.ruleStats(bot)]);
    return {
      ruleSets: await Promise.all(
        drafts.map(async (d) => {
          const draft = ruleSetSchema.safeParse(d.document);
          const live = d.liveVersion === null ? null : (await this.ruleSets.version(bot, d.key, d.liveVersion)).ruleSet;
          const ids = [...new Set([...(live?.rules ?? []).map((r) => r.id), ...(draft.success ? draft.data.rules : []).map((r) => r.id)])];
          const find = (set: RuleSet | null | undefined, id: string) => set?.rules.find((r) => r.id === id);
          return {
            key: d.key,
            name: (draft.success ? draft.data.name : live?.name) ?? d.key,
            liveVersion: d.liveVersion,
            revision: d.revision,
            rules: ids.map((id) => {
              const liveRule = find(live, id);
              const rule = liveRule ?? find(draft.success ? draft.data : null, id);
              const s = stats.get(`${d.key}/${id}`);
              return {
                id,
                name: rule?.name ?? id,
                on: rule?.on,
                after: rule?.after ?? null,
                status: !liveRule ? 'draft_only' : liveRule.enabled ? 'live' : 'disabled',
                inDraft: Boolean(find(draft.success ? draft.data : null, id)),
                pending: s?.pending ?? 0,
                outcomes: s?.outcomes ?? {},
                lastFireAt: s?.lastFireAt ?? null,
              };
            }),
          };
        }),
      ),
    };
  }

  /** What a timeline of events would schedule, cancel, fire or skip, and when — nothing is stored or sent. */
  @Post('simulate')
  @HttpCode(200)
  async simulate(@Param('bot') bot: string, @Body(new ZodPipe(simulateBody)) body: z.infer<typeof simulateBody>): Promise<{ entries: SimulationEntry[] }> {
    await this.ruleSets.requireBot(bot);
    let document = body.document;
    if (document === undefined && body.ruleSet !== undefined) {
      const ref = await this.ruleSets.ref(bot, body.ruleSet);
      document = body.version === 'draft' ? (await this.versioning.getDraft(ref)).draft : (await this.versioning.getVersion(ref, body.version)).content;
    }
    try {
      return await simulate(document, body.events, { bot, until: body.until, slots: body.slots, http: body.http, evaluator: this.conditions });
    } catch (error) {
      if (error instanceof InvalidRuleSetError) throw new ValidationFailedError(error.issues.map((i) => ({ path: `document.${i.path}`, message: i.message })));
      if (error instanceof InvalidTimelineError) throw new ValidationFailedError(error.issues.map((i) => ({ path: i.path === 'until' ? 'until' : `events.${i.path}`, message: i.message })));
      throw error;
    }
  }

  /** The fire log, newest first: outcome, reason, error, rendered actions, versions, lateness. */
  @Get('fires')
  async fires(@Param('bot') bot: string, @Query(new ZodPipe(firesQuery)) query: z.infer<typeof firesQuery>) {
    await this.ruleSets.requireBot(bot);
    return { fires: await this.repo.listFires(bot, { ruleId: query.rule, outcome: query.outcome, limit: query.limit }) };
  }

  @Get('deliveries')
  async deliveries(@Param('bot') bot: string, @Query(new ZodPipe(deliveriesQuery)) query: z.infer<typeof deliveriesQuery>) {
    await this.ruleSets.requireBot(bot);
    return { deliveries: await this.repo.listDeliveries(bot, query.status, query.limit) };
  }

  /** The dead-letter list: triggers whose evaluation kept failing and actions whose delivery kept failing. */
  @Get('dead-letters')
  async deadLetters(@Param('bot') bot: string) {
    await this.ruleSets.requireBot(bot);
    const [fires, deliveries] = await Promise.all([this.repo.listFires(bot, { outcome: 'failed', limit: 200 }), this.repo.listDeliveries(bot, 'dead', 200)]);
    return { triggers: fires.filter((f) => f.reason === 'dead_letter'), deliveries };
  }

  /** Ops retry of a dead delivery (after fixing the receiver). */
  @Post('deliveries/:id/retry')
  @Roles('publisher')
  @HttpCode(202)
  async retry(@Param('bot') bot: string, @Param('id', new ZodPipe(z.uuid())) id: string): Promise<{ id: string; status: 'pending' }> {
    await this.ruleSets.requireBot(bot);
    if (!(await this.repo.revive(bot, id))) throw new NotFoundError('dead delivery', id);
    await this.runner.enqueueDeliveries([{ bot, id, retryOf: Date.now() }]);
    return { id, status: 'pending' };
  }
}
