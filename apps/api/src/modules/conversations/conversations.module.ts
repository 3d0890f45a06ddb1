import { Module } from '@nestjs/common';
import { createConditionEvaluator } from '@zhishou/rules';
import { CONFIG, type AppConfig } from '../../infra/config/config';
import { InferenceModule } from '../inference/inference.module';
import { VersioningModule } from '../versioning/versioning.module';
import { ConversationRepository } from './conversation.repository';
import { ConversationTimerProcessor, QueueTimerScheduler, TimerReconciler } from './conversation-timers';
import { ConversationsController } from './conversations.controller';
import { FlowVersionCache } from './flow-cache';
import { OutboxDispatcher } from './outbox';
import { OutboxRepository } from './outbox.repository';
import { createHttpAdapter } from './ports/http.adapter';
import { ENGINE_SHARED_PORTS, HTTP_ALLOWED_HOSTS, type SharedPorts } from './ports/shared-ports';
import { TranscriptRepository } from './transcript.repository';
import { TIMER_SCHEDULER } from './timer-scheduler';
import { TurnService } from './turn.service';

/** Chat turns (live and the designer's preview), conversation state, transcripts, the turn outbox and wait-node timers (on the global queue port). */
@Module({
  imports: [VersioningModule, InferenceModule],
  controllers: [ConversationsController],
  providers: [
    ConversationRepository,
    FlowVersionCache,
    TranscriptRepository,
    TurnService,
    { provide: TIMER_SCHEDULER, useClass: QueueTimerScheduler },
    ConversationTimerProcessor,
    TimerReconciler,
    OutboxRepository,
    OutboxDispatcher,
    // The same allow-list as outbound webhooks (OUTBOUND_ALLOWED_HOSTS); empty: only public addresses and the sandbox.
    { provide: HTTP_ALLOWED_HOSTS, inject: [CONFIG], useFactory: (config: AppConfig) => config.outbound.allowedHosts },
    {
      provide: ENGINE_SHARED_PORTS,
      inject: [HTTP_ALLOWED_HOSTS],
      useFactory: (allowedHosts: string[]): SharedPorts => ({ conditions: createConditionEvaluator(), http: createHttpAdapter({ allowedHosts }) }),
    },
  ],
  exports: [TurnService, TranscriptRepository, FlowVersionCache, ENGINE_SHARED_PORTS, ConversationRepository, OutboxDispatcher],
})
export class ConversationsModule {}
