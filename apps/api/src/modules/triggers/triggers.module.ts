import { Module } from '@nestjs/common';
import type { HttpPort } from '@zhishou/flow-schema';
import { createConditionEvaluator } from '@zhishou/rules';
import { type AppConfig, CONFIG } from '../../infra/config/config';
import { ConversationsModule } from '../conversations/conversations.module';
import { createHttpAdapter } from '../conversations/ports/http.adapter';
import { ENGINE_SHARED_PORTS, type SharedPorts } from '../conversations/ports/shared-ports';
import { DEMO_RULES_SEEDER } from '../demo/demo-seeder';
import { EventsModule } from '../events/events.module';
import { VersioningModule } from '../versioning/versioning.module';
import { DemoRulesLoader } from './demo-rules.seeder';
import { QueueDashboard } from './queue-dashboard';
import { TriggerReconciler } from './reconciler';
import { RulesController } from './rules.controller';
import { RuleSetsController } from './rulesets.controller';
import { RuleSetsService } from './rulesets.service';
import { TriggerScheduler } from './scheduler.service';
import { TriggerMetrics } from './trigger-metrics';
import { TriggerRepository } from './trigger.repository';
import { OUTBOUND_HTTP, TRIGGER_CONDITIONS, TRIGGER_HTTP, TriggerRunner } from './trigger-runner.service';

/**
 * Proactive triggers: rule sets (versioned), scheduling on the queue port, the fire and delivery jobs,
 * the reconciler, metrics, and the designer's rules API. Events come in through EventsModule: the
 * scheduler registers as its IngestionListener (triggers depends on events, never the other way).
 */
@Module({
  imports: [VersioningModule, ConversationsModule, EventsModule],
  controllers: [RuleSetsController, RulesController],
  providers: [
    RuleSetsService,
    TriggerRepository,
    TriggerMetrics,
    TriggerScheduler,
    TriggerRunner,
    TriggerReconciler,
    QueueDashboard,
    // The demo seeder looks this up to load flows/xianyu/rules/*.json.
    { provide: DEMO_RULES_SEEDER, useClass: DemoRulesLoader },
    { provide: TRIGGER_CONDITIONS, useFactory: () => createConditionEvaluator() },
    // HTTP fact providers use the engine's HttpPort (sandbox in-process, SSRF guard, the admin's allow-list).
    { provide: TRIGGER_HTTP, inject: [ENGINE_SHARED_PORTS], useFactory: (ports: SharedPorts): HttpPort => ports.http },
    // Outbound webhooks: same SSRF guard; hosts in OUTBOUND_ALLOWED_HOSTS may be private (e.g. an internal chat service).
    { provide: OUTBOUND_HTTP, inject: [CONFIG], useFactory: (config: AppConfig): HttpPort => createHttpAdapter({ allowedHosts: config.outbound.allowedHosts }) },
  ],
  exports: [TriggerScheduler, RuleSetsService],
})
export class TriggersModule {}
