import { Body, Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import {
  publishRequestSchema,
  releaseAuditListSchema,
  releaseAuditSchema,
  ruleSetDraftListSchema,
  ruleSetDraftSchema,
  ruleSetLiveRequestSchema,
  ruleSetRequestPipes,
  ruleSetRequestSchemas,
  ruleSetVersionSchema,
  validationReportSchema,
  versionDiffSchema,
  versionPairQuerySchema,
  versionSummaryListSchema,
} from '@zhishou/flow-schema';
import type { z } from 'zod';
import { ValidationFailedError } from '../../infra/http-server/errors';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/principal';
import { VersioningService, toDraftView, type DraftView } from '../versioning/versioning.service';
import type { ReleaseAuditRecord, VersionRecord, VersionSummary } from '../versioning/versioning.types';
import { RULESET_KIND } from './ruleset-kind';
import { RuleSetsService } from './rulesets.service';

const createBody = ruleSetRequestPipes.create;
const saveBody = ruleSetRequestPipes.save;
const validateBody = ruleSetRequestPipes.validate;
const publishBody = publishRequestSchema;
const liveBody = ruleSetLiveRequestSchema;

// Same routes and semantics as flows; /docs shows the RuleSet shape for `document`.
const RULESETS = '/v1/bots/:bot/rulesets';
const RULESET = `${RULESETS}/:key`;
const editors = ['editor', 'publisher'] as const;
const publishers = ['publisher'] as const;
const notFound = 'not_found: no such bot or rule set';
documentRoutes([
  { method: 'GET', path: RULESETS, tag: 'rulesets', summary: "List the bot's rule set drafts (with live version)", response: ruleSetDraftListSchema, errors: { 404: 'not_found: no such bot' } },
  { method: 'POST', path: RULESETS, tag: 'rulesets', roles: editors, summary: 'Create a rule set (its key is `document.key`); revision 1', body: ruleSetRequestSchemas.create, response: ruleSetDraftSchema, errors: { 404: 'not_found: no such bot', 409: 'already_exists' } },
  { method: 'GET', path: RULESET, tag: 'rulesets', summary: "Get a rule set's draft and revision", response: ruleSetDraftSchema, errors: { 404: notFound } },
  { method: 'PUT', path: RULESET, tag: 'rulesets', roles: editors, summary: 'Save the draft (compare-and-set on `revision`)', body: ruleSetRequestSchemas.save, response: ruleSetDraftSchema, errors: { 404: notFound, 409: 'stale_revision: someone saved a newer revision; `current` = {revision, updatedBy, updatedAt}' } },
  { method: 'POST', path: `${RULESET}/validate`, tag: 'rulesets', status: 200, summary: 'Validate the posted document, or the saved draft when none is posted', body: ruleSetRequestSchemas.validate, response: validationReportSchema, errors: { 404: notFound } },
  { method: 'POST', path: `${RULESET}/publish`, tag: 'rulesets', roles: publishers, summary: 'Publish the draft as the next immutable version (refused with 400 validation_failed while it has errors)', body: publishBody, response: ruleSetVersionSchema, errors: { 404: notFound, 409: 'stale_revision: `revision` was given and the draft has moved on' } },
  { method: 'GET', path: `${RULESET}/versions`, tag: 'rulesets', summary: 'List published versions (without content)', response: versionSummaryListSchema, errors: { 404: notFound } },
  { method: 'GET', path: `${RULESET}/versions/:number`, tag: 'rulesets', summary: 'Get one published version with its content', response: ruleSetVersionSchema, errors: { 400: 'bad_request: `number` is not an integer', 404: 'not_found: no such bot, rule set or version' } },
  { method: 'GET', path: `${RULESET}/diff`, tag: 'rulesets', summary: 'Diff two versions', query: versionPairQuerySchema, response: versionDiffSchema, errors: { 404: 'not_found: no such bot, rule set or version' } },
  { method: 'PUT', path: `${RULESET}/live`, tag: 'rulesets', roles: publishers, summary: 'Set the live version (an earlier one = rollback); audited', body: liveBody, response: releaseAuditSchema, errors: { 404: 'not_found: no such bot, rule set or version' } },
  { method: 'GET', path: `${RULESET}/releases`, tag: 'rulesets', summary: 'Release history of the live pointer', response: releaseAuditListSchema, errors: { 404: notFound } },
]);

function keyOf(document: unknown): string | undefined {
  return typeof document === 'object' && document !== null && 'key' in document && typeof document.key === 'string' ? document.key : undefined;
}

/**
 * Rule sets through the one versioning mechanism (drafts with revisions, immutable published versions,
 * a live pointer with audited rollbacks) — the same routes and semantics as flows.
 */
@Controller('bots/:bot/rulesets')
export class RuleSetsController {
  constructor(
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(RuleSetsService) private readonly ruleSets: RuleSetsService,
  ) {}

  @Get()
  async list(@Param('bot') bot: string): Promise<DraftView[]> {
    await this.ruleSets.requireBot(bot);
    return this.versioning.list(bot, RULESET_KIND);
  }

  @Post()
  @Roles('editor', 'publisher')
  async create(@Param('bot') bot: string, @Body(new ZodPipe(createBody)) body: z.infer<typeof createBody>, @CurrentUser() user: AuthUser): Promise<DraftView> {
    const key = keyOf(body.document);
    if (!key) throw new ValidationFailedError([{ path: 'document.key', message: 'the rule set needs a key' }]);
    return toDraftView(await this.versioning.create(await this.ruleSets.ref(bot, key), body.document, user.email));
  }

  @Get(':key')
  async get(@Param('bot') bot: string, @Param('key') key: string): Promise<DraftView> {
    return toDraftView(await this.versioning.getDraft(await this.ruleSets.ref(bot, key)));
  }

  @Put(':key')
  @Roles('editor', 'publisher')
  async save(@Param('bot') bot: string, @Param('key') key: string, @Body(new ZodPipe(saveBody)) body: z.infer<typeof saveBody>, @CurrentUser() user: AuthUser): Promise<DraftView> {
    const docKey = keyOf(body.document);
    if (docKey !== undefined && docKey !== key) throw new ValidationFailedError([{ path: 'document.key', message: `must be "${key}" (the rule set's key cannot change)` }]);
    return toDraftView(await this.versioning.saveDraft(await this.ruleSets.ref(bot, key), body.document, body.revision, user.email));
  }

  /** Validates the posted document (unsaved edits) or, without one, the saved draft: every reason, with its path. */
  @Post(':key/validate')
  @HttpCode(200)
  async validate(@Param('bot') bot: string, @Param('key') key: string, @Body(new ZodPipe(validateBody)) body: z.infer<typeof validateBody>) {
    const ref = await this.ruleSets.ref(bot, key);
    return this.versioning.validate(ref, body.document ?? (await this.versioning.getDraft(ref)).draft);
  }

  @Post(':key/publish')
  @Roles('publisher')
  async publish(@Param('bot') bot: string, @Param('key') key: string, @Body(new ZodPipe(publishBody)) body: z.infer<typeof publishBody>, @CurrentUser() user: AuthUser): Promise<VersionRecord> {
    return this.versioning.publish(await this.ruleSets.ref(bot, key), body, user.email);
  }

  @Get(':key/versions')
  async versions(@Param('bot') bot: string, @Param('key') key: string): Promise<VersionSummary[]> {
    return this.versioning.listVersions(await this.ruleSets.ref(bot, key));
  }

  @Get(':key/versions/:number')
  async version(@Param('bot') bot: string, @Param('key') key: string, @Param('number', ParseIntPipe) number: number): Promise<VersionRecord> {
    return this.versioning.getVersion(await this.ruleSets.ref(bot, key), number);
  }

  @Get(':key/diff')
  async diff(@Param('bot') bot: string, @Param('key') key: string, @Query('from', ParseIntPipe) from: number, @Query('to', ParseIntPipe) to: number) {
    return this.versioning.diff(await this.ruleSets.ref(bot, key), from, to);
  }

  /** Sets the live version; an earlier one is the rollback (pending triggers: see docs/RULES.md). */
  @Put(':key/live')
  @Roles('publisher')
  async setLive(@Param('bot') bot: string, @Param('key') key: string, @Body(new ZodPipe(liveBody)) body: z.infer<typeof liveBody>, @CurrentUser() user: AuthUser): Promise<ReleaseAuditRecord> {
    return this.versioning.setLive(await this.ruleSets.ref(bot, key), body, user.email);
  }

  @Get(':key/releases')
  async releases(@Param('bot') bot: string, @Param('key') key: string): Promise<ReleaseAuditRecord[]> {
    return this.versioning.releaseHistory(await this.ruleSets.ref(bot, key));
  }
}
