import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { chatMessageRequestSchema, chatTurnResponseSchema, conversationIdParam, conversationViewSchema, transcriptMessagesSchema, transcriptQuerySchema } from '@zhishou/flow-schema';
import type { z } from 'zod';
import { NotFoundError } from '../../infra/http-server/errors';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { BotClient, Roles } from '../auth/decorators';
import { RateLimited, RateLimitGuard } from '../auth/rate-limit';
import { BotDirectory } from '../versioning/bot-directory';
import { TranscriptRepository, type ConversationView, type TranscriptMessageView } from './transcript.repository';
import { TurnService } from './turn.service';

const idParam = conversationIdParam;
export const chatMessageBody = chatMessageRequestSchema;
const listQuery = transcriptQuerySchema;
const CONVERSATION = '/v1/bots/:bot/conversations/:cid';
const readers = ['editor', 'publisher', 'agent', 'viewer'] as const;
documentRoutes([
  {
    method: 'POST',
    path: `${CONVERSATION}/messages`,
    tag: 'conversations',
    auth: 'bot',
    roles: ['editor', 'publisher'],
    status: 200,
    summary: 'Run one chat turn for conversation `cid` (the marketplace\'s id); a repeated `messageId` returns the stored response',
    body: chatMessageBody,
    response: chatTurnResponseSchema,
    errors: { 404: 'not_found: no such bot, or its live flow is missing', 409: 'no_live_flow: the bot has no live version of its main flow', 429: 'rate_limited: over CHAT_RATE_LIMIT_PER_MINUTE for this API key, see Retry-After' },
  },
  { method: 'GET', path: CONVERSATION, tag: 'conversations', auth: 'bot', roles: readers, summary: 'Get a conversation (status, node, slots, flow version)', response: conversationViewSchema, errors: { 404: 'not_found: no such bot or conversation' } },
  { method: 'GET', path: `${CONVERSATION}/messages`, tag: 'conversations', auth: 'bot', roles: readers, summary: 'Transcript page: messages with `seq` > `after`, oldest first', query: listQuery, response: transcriptMessagesSchema, errors: { 404: 'not_found: no such bot or conversation' } },
]);

/** The chat API the marketplace calls with the bot's API key (designer users with editor+ may call it too). */
@Controller('bots/:bot/conversations')
export class ConversationsController {
  constructor(
    @Inject(TurnService) private readonly turns: TurnService,
    @Inject(TranscriptRepository) private readonly transcripts: TranscriptRepository,
    @Inject(BotDirectory) private readonly bots: BotDirectory,
  ) {}

  @Post(':cid/messages')
  @HttpCode(200)
  @BotClient()
  @RateLimited('chat')
  @UseGuards(RateLimitGuard)
  async message(@Param('bot') bot: string, @Param('cid', new ZodPipe(idParam)) cid: string, @Body(new ZodPipe(chatMessageBody)) body: z.infer<typeof chatMessageBody>) {
    const result = await this.turns.run(bot, cid, {
      type: 'message',
      messageId: body.messageId,
      text: body.text ?? '',
      ...(body.image !== undefined ? { image: body.image } : {}),
    });
    const { conversationId: _internal, ...rest } = result.body;
    return { ...rest, conversationId: cid, duplicate: result.duplicate, ...(body.trace ? { trace: result.trace ?? [] } : {}) };
  }

  @Get(':cid')
  @BotClient()
  @Roles('editor', 'publisher', 'agent', 'viewer')
  async get(@Param('bot') bot: string, @Param('cid') cid: string): Promise<ConversationView> {
    return this.find(bot, cid);
  }

  @Get(':cid/messages')
  @BotClient()
  @Roles('editor', 'publisher', 'agent', 'viewer')
  async messages(@Param('bot') bot: string, @Param('cid') cid: string, @Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>): Promise<{ messages: TranscriptMessageView[] }> {
    const conv = await this.find(bot, cid);
    return { messages: await this.transcripts.messages(conv.conversationId, q.after, q.limit) };
  }

  private async find(bot: string, cid: string): Promise<ConversationView> {
    await this.bots.require(bot);
    const conv = await this.transcripts.find(bot, cid);
    if (!conv) throw new NotFoundError('conversation', cid);
    return conv;
  }
}
