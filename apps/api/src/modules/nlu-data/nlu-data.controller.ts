import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import {
  nluDataSchema,
  nluDataViewSchema,
  nluDiffQuerySchema,
  nluLiveRequestSchema,
  nluPublishBodySchema,
  nluPublishResultSchema,
  nluStatusSchema,
  nluVersionDiffSchema,
  nluGateResultSchema,
  releaseAuditListSchema,
  releaseAuditSchema,
  saveNluRequestPipe,
  saveNluRequestSchema,
  versionRecordSchemaOf,
  versionNumberParam,
  versionSummaryListSchema,
  type NluGateResult,
  type NluPublishResult,
  type NluStatus,
} from '@zhishou/flow-schema';
import type { z } from 'zod';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/principal';
import { VersioningService } from '../versioning/versioning.service';
import type { ReleaseAuditRecord, VersionRecord, VersionSummary } from '../versioning/versioning.types';
import { NluDataService, type NluDataView } from './nlu-data.service';

const saveNluBody = saveNluRequestPipe;
const liveBody = nluLiveRequestSchema;

const NLU = '/v1/bots/:bot/nlu';
const notFound = 'not_found: no such bot, or no NLU data';
const gateRefusal = 'tests_failed: the draft scores lower than live on the held-out split (`gate` = the comparison); validation_failed';
documentRoutes([
  { method: 'GET', path: NLU, tag: 'nlu', summary: "Get the bot's NLU draft (intents, examples, slot types), its revision and the live version", response: nluDataViewSchema, errors: { 404: 'not_found: no such bot' } },
  {
    method: 'PUT',
    path: NLU,
    tag: 'nlu',
    roles: ['editor', 'publisher'],
    summary: "Save the bot's NLU draft (compare-and-set on `revision`); live conversations are not affected until it is published",
    body: saveNluRequestSchema,
    response: nluDataViewSchema,
    errors: { 404: 'not_found: no such bot', 409: 'stale_revision: someone saved a newer revision; `current` = {revision, updatedBy, updatedAt}' },
  },
  { method: 'GET', path: `${NLU}/status`, tag: 'nlu', summary: 'Draft vs live: whether they differ and what changed (the count is the badge)', response: nluStatusSchema, errors: { 404: 'not_found: no such bot' } },
  { method: 'POST', path: `${NLU}/gate`, tag: 'nlu', status: 200, summary: 'Run the publish gate on the draft without publishing: held-out intent accuracy and macro-F1 of draft vs live', response: nluGateResultSchema, errors: { 404: notFound } },
  { method: 'POST', path: `${NLU}/publish`, tag: 'nlu', roles: ['publisher'], status: 201, summary: 'Publish the draft behind the gate and make it live for new conversations (audited)', body: nluPublishBodySchema, response: nluPublishResultSchema, errors: { 400: gateRefusal, 404: notFound, 409: 'stale_revision' } },
  { method: 'GET', path: `${NLU}/versions`, tag: 'nlu', summary: 'Published NLU data versions (without content)', response: versionSummaryListSchema, errors: { 404: notFound } },
  { method: 'GET', path: `${NLU}/versions/:number`, tag: 'nlu', summary: 'One published version with its content', response: versionRecordSchemaOf(nluDataSchema), errors: { 400: 'validation_failed: `number` is not a whole number inside int4', 404: notFound } },
  { method: 'GET', path: `${NLU}/diff`, tag: 'nlu', summary: 'Diff two versions', query: nluDiffQuerySchema, response: nluVersionDiffSchema, errors: { 404: notFound } },
  { method: 'PUT', path: `${NLU}/live`, tag: 'nlu', roles: ['publisher'], summary: 'Set the live version (an earlier one = rollback); running conversations keep theirs', body: liveBody, response: releaseAuditSchema, errors: { 404: notFound } },
  { method: 'GET', path: `${NLU}/releases`, tag: 'nlu', summary: 'Release history of the live pointer', response: releaseAuditListSchema, errors: { 404: notFound } },
]);

@Controller('bots/:bot/nlu')
export class NluDataController {
  constructor(
    @Inject(NluDataService) private readonly nlu: NluDataService,
    @Inject(VersioningService) private readonly versioning: VersioningService,
  ) {}

  @Get()
  get(@Param('bot') bot: string): Promise<NluDataView> {
    return this.nlu.get(bot);
  }

  @Put()
  @Roles('editor', 'publisher')
  save(@Param('bot') bot: string, @Body(new ZodPipe(saveNluBody)) body: z.infer<typeof saveNluBody>, @CurrentUser() user: AuthUser): Promise<NluDataView> {
    return this.nlu.save(bot, body.document, body.revision, user.email);
  }

  @Get('status')
  status(@Param('bot') bot: string): Promise<NluStatus> {
    return this.nlu.status(bot);
  }

  @Post('gate')
  @HttpCode(200)
  gate(@Param('bot') bot: string): Promise<NluGateResult> {
    return this.nlu.gate(bot);
  }

  @Post('publish')
  @Roles('publisher')
  publish(@Param('bot') bot: string, @Body(new ZodPipe(nluPublishBodySchema)) body: z.infer<typeof nluPublishBodySchema>, @CurrentUser() user: AuthUser): Promise<NluPublishResult> {
    return this.nlu.publish(bot, body, user.email);
  }

  @Get('versions')
  async versions(@Param('bot') bot: string): Promise<VersionSummary[]> {
    return this.versioning.listVersions(await this.ref(bot));
  }

  @Get('versions/:number')
  async version(@Param('bot') bot: string, @Param('number', new ZodPipe(versionNumberParam)) number: number): Promise<VersionRecord> {
    return this.versioning.getVersion(await this.ref(bot), number);
  }

  @Get('diff')
  async diff(@Param('bot') bot: string, @Query(new ZodPipe(nluDiffQuerySchema)) query: z.infer<typeof nluDiffQuerySchema>) {
    return this.versioning.diff(await this.ref(bot), query.from, query.to);
  }

  @Put('live')
  @Roles('publisher')
  async setLive(@Param('bot') bot: string, @Body(new ZodPipe(liveBody)) body: z.infer<typeof liveBody>, @CurrentUser() user: AuthUser): Promise<ReleaseAuditRecord> {
    return this.versioning.setLive(await this.ref(bot), body, user.email);
  }

  @Get('releases')
  async releases(@Param('bot') bot: string): Promise<ReleaseAuditRecord[]> {
    return this.versioning.releaseHistory(await this.ref(bot));
  }

  private async ref(bot: string) {
    await this.nlu.get(bot);
    return this.nlu.ref(bot);
  }
}
