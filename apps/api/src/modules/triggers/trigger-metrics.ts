import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../../infra/metrics/metrics.module';

/** Prometheus metrics of proactive triggers (registered in the app's registry, served on /metrics). */
@Injectable()
export class TriggerMetrics {
  readonly scheduled: Counter<'bot'>;
  readonly outcomes: Counter<'bot' | 'outcome' | 'reason'>;
  readonly lateness: Histogram<'bot'>;
  readonly deliveries: Counter<'bot' | 'kind' | 'outcome'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.scheduled = new Counter({ name: 'triggers_scheduled_total', help: 'Triggers scheduled (new delayed jobs; duplicates not counted)', labelNames: ['bot'] as const, registers: [registry] });
    this.outcomes = new Counter({
      name: 'triggers_outcomes_total',
      help: 'Trigger outcomes: fired, skipped (condition false, rule not live), cancelled, failed (after retries)',
      labelNames: ['bot', 'outcome', 'reason'] as const,
      registers: [registry],
    });
    this.lateness = new Histogram({
      name: 'trigger_firing_lateness_seconds',
      help: 'How late a trigger was evaluated after its due time',
      labelNames: ['bot'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    });
    this.deliveries = new Counter({ name: 'trigger_deliveries_total', help: 'Action deliveries by outcome (delivered, retry, dead)', labelNames: ['bot', 'kind', 'outcome'] as const, registers: [registry] });
  }
}
