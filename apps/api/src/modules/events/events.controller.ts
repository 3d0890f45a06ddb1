import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { businessEventSchema, eventBatchSchema, eventLogQuerySchema, SUBJECT_KEYS, eventLogSchema, ingestResultSchema, type BusinessEvent, type EventBatch } from '@zhishou/flow-schema';
import { z } from 'zod';
import { UnauthorizedError } from '../../infra/http-server/errors';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { BotClient, CurrentBotClient, Public } from '../auth/decorators';
import { RateLimited, RateLimitGuard } from '../auth/rate-limit';
import type { AuthBotClient } from '../auth/principal';
import { BotDirectory } from '../versioning/bot-directory';
import { EventKeyGuard } from './event-key.guard';
import { EventsService, type IngestResult } from './events.service';

const listQuery = eventLogQuerySchema;
const ingestNote = 'idempotent by eventId; a repeat counts as a duplicate and changes nothing';
const editors = ['editor', 'publisher'] as const;
documentRoutes([
  { method: 'POST', path: '/v1/events', tag: 'events', auth: 'apiKey', status: 202, summary: `Ingest one business event for the bot the API key belongs to (${ingestNote})`, body: businessEventSchema, response: ingestResultSchema },
  { method: 'POST', path: '/v1/events/batch', tag: 'events', auth: 'apiKey', status: 202, summary: `Ingest a batch of business events (${ingestNote})`, body: eventBatchSchema, response: ingestResultSchema },
  { method: 'POST', path: '/v1/bots/:bot/events', tag: 'events', auth: 'bot', roles: editors, status: 202, summary: `Ingest one business event for this bot (${ingestNote})`, body: businessEventSchema, response: ingestResultSchema, errors: { 404: 'not_found: no such bot' } },
  { method: 'POST', path: '/v1/bots/:bot/events/batch', tag: 'events', auth: 'bot', roles: editors, status: 202, summary: `Ingest a batch of business events for this bot (${ingestNote})`, body: eventBatchSchema, response: ingestResultSchema, errors: { 404: 'not_found: no such bot' } },
  { method: 'GET', path: '/v1/bots/:bot/events', tag: 'events', summary: 'The event log, newest first; `subjectKey` + `subject` narrow it to one subject', query: listQuery, response: eventLogSchema, errors: { 404: 'not_found: no such bot' } },
]);

function botOf(client: AuthBotClient | undefined): string {
  if (!client) throw new UnauthorizedError('this route needs a bot API key');
  return client.botKey;
}

/**
 * Business events in. Two doors to the same ingestion: `POST /v1/events` for the marketplace's order
 * system (the API key names the bot), and `POST /v1/bots/:bot/events` (the bot's API key, or a logged-in
 * editor — the designer). Idempotent by eventId: a repeat is counted as a duplicate and changes nothing.
 */
@Controller()
export class EventsController {
  constructor(
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(BotDirectory) private readonly bots: BotDirectory,
  ) {}

  @Post('events')
  @Public()
  @UseGuards(EventKeyGuard, RateLimitGuard)
  @RateLimited('events')
  @HttpCode(202)
  ingestOne(@Body(new ZodPipe(businessEventSchema)) event: BusinessEvent, @CurrentBotClient() client: AuthBotClient | undefined): Promise<IngestResult> {
    return this.events.ingest(botOf(client), [event]);
  }

  @Post('events/batch')
  @Public()
  @UseGuards(EventKeyGuard, RateLimitGuard)
  @RateLimited('events')
  @HttpCode(202)
  ingestBatch(@Body(new ZodPipe(eventBatchSchema)) body: EventBatch, @CurrentBotClient() client: AuthBotClient | undefined): Promise<IngestResult> {
    return this.events.ingest(botOf(client), body.events);
  }

  @Post('bots/:bot/events')
  @BotClient()
  @RateLimited('events')
  @UseGuards(RateLimitGuard)
  @HttpCode(202)
  async ingestOneForBot(@Param('bot') bot: string, @Body(new ZodPipe(businessEventSchema)) event: BusinessEvent): Promise<IngestResult> {
    await this.bots.require(bot);
    return this.events.ingest(bot, [event]);
  }

  @Post('bots/:bot/events/batch')
  @BotClient()
  @RateLimited('events')
  @UseGuards(RateLimitGuard)
  @HttpCode(202)
  async ingestBatchForBot(@Param('bot') bot: string, @Body(new ZodPipe(eventBatchSchema)) body: EventBatch): Promise<IngestResult> {
    await this.bots.require(bot);
    return this.events.ingest(bot, body.events);
  }

  /** The event log, newest first; `?subjectKey=orderId&subject=o-1` narrows to one subject. */
  @Get('bots/:bot/events')
  async list(@Param('bot') bot: string, @Query(new ZodPipe(listQuery)) query: z.infer<typeof listQuery>): Promise<{ events: BusinessEvent[]; subjectKeys: readonly string[] }> {
    await this.bots.require(bot);
    const events = await this.events.list(bot, { subjectKey: query.subjectKey, subjectValue: query.subject, type: query.type, limit: query.limit });
    return { events, subjectKeys: SUBJECT_KEYS };
  }
}
