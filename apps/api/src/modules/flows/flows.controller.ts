import { Body, Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import {
  flowDraftListSchema,
  flowDraftSchema,
  flowRequestPipes,
  flowRequestSchemas,
  flowVersionSchema,
  publishRequestSchema,
  releaseAuditListSchema,
  releaseAuditSchema,
  setLiveRequestSchema,
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
import { BotDirectory } from '../versioning/bot-directory';
import { VersioningService, toDraftView, type DraftView } from '../versioning/versioning.service';
import type { ReleaseAuditRecord, VersionRecord, VersionSummary } from '../versioning/versioning.types';
import { FLOW_KIND, FlowsService } from './flows.service';

const createBody = flowRequestPipes.create;
const saveBody = flowRequestPipes.save;
const validateBody = flowRequestPipes.validate;
const publishBody = publishRequestSchema;
const liveBody = setLiveRequestSchema;

// The pipes accept any `document` (older schema versions are migrated on save); /docs shows the current Flow shape.
const FLOWS = '/v1/bots/:bot/flows';
const FLOW = `${FLOWS}/:flow`;
const editors = ['editor', 'publisher'] as const;
const publishers = ['publisher'] as const;
const notFound = 'not_found: no such bot or flow';
documentRoutes([
  { method: 'GET', path: FLOWS, tag: 'flows', summary: "List the bot's flow drafts (with live version and canary)", response: flowDraftListSchema, errors: { 404: 'not_found: no such bot' } },
  { method: 'POST', path: FLOWS, tag: 'flows', roles: editors, summary: 'Create a flow (its key is `document.key`); revision 1', body: flowRequestSchemas.create, response: flowDraftSchema, errors: { 404: 'not_found: no such bot', 409: 'already_exists' } },
  { method: 'GET', path: FLOW, tag: 'flows', summary: "Get a flow's draft and revision", response: flowDraftSchema, errors: { 404: notFound } },
  { method: 'PUT', path: FLOW, tag: 'flows', roles: editors, summary: 'Save the draft (compare-and-set on `revision`)', body: flowRequestSchemas.save, response: flowDraftSchema, errors: { 404: notFound, 409: 'stale_revision: someone saved a newer revision; `current` = {revision, updatedBy, updatedAt}' } },
  { method: 'POST', path: `${FLOW}/validate`, tag: 'flows', status: 200, summary: 'Validate the posted document, or the saved draft when none is posted', body: flowRequestSchemas.validate, response: validationReportSchema, errors: { 404: notFound } },
  { method: 'POST', path: `${FLOW}/publish`, tag: 'flows', roles: publishers, summary: 'Publish the draft as the next immutable version (refused with 400 validation_failed while it has errors)', body: publishBody, response: flowVersionSchema, errors: { 404: notFound, 409: 'stale_revision: `revision` was given and the draft has moved on' } },
  { method: 'GET', path: `${FLOW}/versions`, tag: 'flows', summary: 'List published versions (without content)', response: versionSummaryListSchema, errors: { 404: notFound } },
  { method: 'GET', path: `${FLOW}/versions/:number`, tag: 'flows', summary: 'Get one published version with its content', response: flowVersionSchema, errors: { 400: 'bad_request: `number` is not an integer', 404: 'not_found: no such bot, flow or version' } },
  { method: 'GET', path: `${FLOW}/diff`, tag: 'flows', summary: 'Diff two versions: nodes and edges added, removed or changed', query: versionPairQuerySchema, response: versionDiffSchema, errors: { 404: 'not_found: no such bot, flow or version' } },
  { method: 'PUT', path: `${FLOW}/live`, tag: 'flows', roles: publishers, summary: 'Set the live version (an earlier one = rollback), optionally with a canary share; audited', body: liveBody, response: releaseAuditSchema, errors: { 404: 'not_found: no such bot, flow or version' } },
  { method: 'GET', path: `${FLOW}/releases`, tag: 'flows', summary: 'Release history of the live pointer (who, when, from → to, why)', response: releaseAuditListSchema, errors: { 404: notFound } },
]);

function keyOf(document: unknown): string | undefined {
  return typeof document === 'object' && document !== null && 'key' in document && typeof document.key === 'string' ? document.key : undefined;
}

/** Flow drafts, validation, publishing, versions and the live pointer (rollback = an earlier version). */
@Controller('bots/:bot/flows')
export class FlowsController {
  constructor(
    @Inject(FlowsService) private readonly flows: FlowsService,
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(BotDirectory) private readonly bots: BotDirectory,
  ) {}

  @Get()
  async list(@Param('bot') bot: string): Promise<DraftView[]> {
    await this.bots.require(bot);
    return this.versioning.list(bot, FLOW_KIND);
  }

  @Post()
  @Roles('editor', 'publisher')
  async create(@Param('bot') bot: string, @Body(new ZodPipe(createBody)) body: z.infer<typeof createBody>, @CurrentUser() user: AuthUser): Promise<DraftView> {
    const key = keyOf(body.document);
    if (!key) throw new ValidationFailedError([{ path: 'document.key', message: 'the flow needs a key' }]);
    return toDraftView(await this.versioning.create(await this.flows.ref(bot, key), body.document, user.email));
  }

  @Get(':flow')
  async get(@Param('bot') bot: string, @Param('flow') flow: string): Promise<DraftView> {
    return toDraftView(await this.versioning.getDraft(await this.flows.ref(bot, flow)));
  }

  @Put(':flow')
  @Roles('editor', 'publisher')
  async save(
    @Param('bot') bot: string,
    @Param('flow') flow: string,
    @Body(new ZodPipe(saveBody)) body: z.infer<typeof saveBody>,
    @CurrentUser() user: AuthUser,
  ): Promise<DraftView> {
    const key = keyOf(body.document);
    if (key !== undefined && key !== flow) throw new ValidationFailedError([{ path: 'document.key', message: `must be "${flow}" (the flow's key cannot change)` }]);
    return toDraftView(await this.versioning.saveDraft(await this.flows.ref(bot, flow), body.document, body.revision, user.email));
  }

  /** Validates the posted document (unsaved edits) or, without one, the saved draft. */
  @Post(':flow/validate')
  @HttpCode(200)
  async validate(@Param('bot') bot: string, @Param('flow') flow: string, @Body(new ZodPipe(validateBody)) body: z.infer<typeof validateBody>) {
    const ref = await this.flows.ref(bot, flow);
    const document = body.document ?? (await this.versioning.getDraft(ref)).draft;
    return this.versioning.validate(ref, document);
  }

  @Post(':flow/publish')
  @Roles('publisher')
  async publish(
    @Param('bot') bot: string,
    @Param('flow') flow: string,
    @Body(new ZodPipe(publishBody)) body: z.infer<typeof publishBody>,
    @CurrentUser() user: AuthUser,
  ): Promise<VersionRecord> {
    return this.versioning.publish(await this.flows.ref(bot, flow), body, user.email);
  }

  @Get(':flow/versions')
  async versions(@Param('bot') bot: string, @Param('flow') flow: string): Promise<VersionSummary[]> {
    return this.versioning.listVersions(await this.flows.ref(bot, flow));
  }

  @Get(':flow/versions/:number')
  async version(@Param('bot') bot: string, @Param('flow') flow: string, @Param('number', ParseIntPipe) number: number): Promise<VersionRecord> {
    return this.versioning.getVersion(await this.flows.ref(bot, flow), number);
  }

  /** `?from=1&to=2`: nodes and edges added, removed or changed. */
  @Get(':flow/diff')
  async diff(@Param('bot') bot: string, @Param('flow') flow: string, @Query('from', ParseIntPipe) from: number, @Query('to', ParseIntPipe) to: number) {
    return this.versioning.diff(await this.flows.ref(bot, flow), from, to);
  }

  @Put(':flow/live')
  @Roles('publisher')
  async setLive(
    @Param('bot') bot: string,
    @Param('flow') flow: string,
    @Body(new ZodPipe(liveBody)) body: z.infer<typeof liveBody>,
    @CurrentUser() user: AuthUser,
  ): Promise<ReleaseAuditRecord> {
    return this.versioning.setLive(await this.flows.ref(bot, flow), body, user.email);
  }

  @Get(':flow/releases')
  async releases(@Param('bot') bot: string, @Param('flow') flow: string): Promise<ReleaseAuditRecord[]> {
    return this.versioning.releaseHistory(await this.flows.ref(bot, flow));
  }
}
