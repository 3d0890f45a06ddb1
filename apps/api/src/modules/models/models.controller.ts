import { Body, Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Post } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/principal';
import { ModelsService, type ModelVersionView } from './models.service';

const trainBody = z.object({ note: z.string().max(500).default('') }).default({ note: '' });

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
  train(@Param('bot') bot: string, @Body(new ZodPipe(trainBody)) body: z.infer<typeof trainBody>, @CurrentUser() user: AuthUser): Promise<ModelVersionView> {
    return this.models.requestTraining(bot, user.email, body.note);
  }

  @Get(':version')
  get(@Param('bot') bot: string, @Param('version', ParseIntPipe) version: number): Promise<ModelVersionView> {
    return this.models.get(bot, version);
  }

  /** Activate, or roll back to, a ready version (publisher). */
  @Post(':version/activate')
  @HttpCode(200)
  @Roles('publisher')
  activate(@Param('bot') bot: string, @Param('version', ParseIntPipe) version: number, @CurrentUser() user: AuthUser): Promise<ModelVersionView> {
    return this.models.activate(bot, version, user.email);
  }
}
