import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { modelCanaryBodySchema, modelDiffQuerySchema, modelDiffSchema, modelListSchema, modelVersionSchema, type ModelDiff, type TrainModelBody, trainModelBodySchema, versionNumberParam } from '@zhishou/flow-schema';
import type { z } from 'zod';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/principal';
import { ModelsService, type ModelVersionView } from './models.service';

documentRoutes([
  { method: 'GET', path: '/v1/bots/:bot/models', tag: 'models', summary: "The bot's NLU model versions, the active one and the activation history", response: modelListSchema, errors: { 404: 'not_found' } },
  { method: 'POST', path: '/v1/bots/:bot/models/train', tag: 'models', roles: ['editor', 'publisher'], status: 202, summary: 'Queue training of a new version (nlu.train job); poll the version for progress', body: trainModelBodySchema, response: modelVersionSchema, errors: { 404: 'not_found: no such bot' } },
  { method: 'GET', path: '/v1/bots/:bot/models/:version', tag: 'models', summary: 'A version: status, progress, data hash, evaluation (per-class table, confusion, worst examples)', response: modelVersionSchema, errors: { 400: 'validation_failed: `version` is not a whole number inside int4', 404: 'not_found' } },
  { method: 'POST', path: '/v1/bots/:bot/models/:version/activate', tag: 'models', roles: ['publisher'], status: 200, summary: 'Activate or roll back to a ready version for new conversations (its ONNX artefacts must load; a version never released must not score lower than live on the held-out split); ends a canary', response: modelVersionSchema, errors: { 400: 'tests_failed: worse than live on the held-out split (`gate`)', 404: 'not_found', 409: 'model_not_ready / model_invalid (the active version keeps serving)' } },
  { method: 'POST', path: '/v1/bots/:bot/models/:version/canary', tag: 'models', roles: ['publisher'], status: 200, summary: 'Release a ready version as a canary: `percent` of new conversations start on it (sticky per conversation); activate it to promote, activate the live one to stop', body: modelCanaryBodySchema, response: modelVersionSchema, errors: { 400: 'tests_failed / validation_failed', 404: 'not_found', 409: 'model_not_ready / model_invalid / no_live_model / already_live' } },
  { method: 'GET', path: '/v1/bots/:bot/models/diff', tag: 'models', summary: 'Two versions side by side: data hash, settings, accuracy, macro-F1 and per-intent F1', query: modelDiffQuerySchema, response: modelDiffSchema, errors: { 400: 'validation_failed: `from`/`to` are not whole numbers inside int4', 404: 'not_found' } },
]);

@Controller('bots/:bot/models')
export class ModelsController {
  constructor(@Inject(ModelsService) private readonly models: ModelsService) {}

  @Get()
  list(@Param('bot') bot: string) {
    return this.models.list(bot);
  }

  /** Queues a training run; poll the returned version for progress and metrics. */
  @Post('train')
  @HttpCode(202)
  @Roles('editor', 'publisher')
  train(@Param('bot') bot: string, @Body(new ZodPipe(trainModelBodySchema)) body: TrainModelBody, @CurrentUser() user: AuthUser): Promise<ModelVersionView> {
    return this.models.requestTraining(bot, user.email, body.note);
  }

  @Get('diff')
  diff(@Param('bot') bot: string, @Query(new ZodPipe(modelDiffQuerySchema)) query: z.infer<typeof modelDiffQuerySchema>): Promise<ModelDiff> {
    return this.models.diff(bot, query.from, query.to);
  }

  @Get(':version')
  get(@Param('bot') bot: string, @Param('version', new ZodPipe(versionNumberParam)) version: number): Promise<ModelVersionView> {
    return this.models.get(bot, version);
  }

  /** Activate, or roll back to, a ready version (publisher). */
  @Post(':version/activate')
  @HttpCode(200)
  @Roles('publisher')
  activate(@Param('bot') bot: string, @Param('version', new ZodPipe(versionNumberParam)) version: number, @CurrentUser() user: AuthUser): Promise<ModelVersionView> {
    return this.models.activate(bot, version, user.email);
  }

  /** Release a ready version to `percent` of new conversations (publisher). */
  @Post(':version/canary')
  @HttpCode(200)
  @Roles('publisher')
  canary(
    @Param('bot') bot: string,
    @Param('version', new ZodPipe(versionNumberParam)) version: number,
    @Body(new ZodPipe(modelCanaryBodySchema)) body: z.infer<typeof modelCanaryBodySchema>,
    @CurrentUser() user: AuthUser,
  ): Promise<ModelVersionView> {
    return this.models.canary(bot, version, body.percent, user.email);
  }
}
