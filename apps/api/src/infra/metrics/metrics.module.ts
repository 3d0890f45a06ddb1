import { Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Injection token of the prom-client Registry every module registers its metrics in. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
/** Injection token of the HTTP request duration histogram (observed by the http server hooks). */
export const HTTP_DURATION = Symbol('HTTP_DURATION');

/** One registry per app instance (not the prom-client global), so several apps in one test process do not clash. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

@Global()
@Module({
  providers: [
    { provide: METRICS_REGISTRY, useFactory: createMetricsRegistry },
    {
      provide: HTTP_DURATION,
      inject: [METRICS_REGISTRY],
      useFactory: (registry: Registry) =>
        new Histogram({
          name: 'http_request_duration_seconds',
          help: 'HTTP request duration by method, route and status',
          labelNames: ['method', 'route', 'status'] as const,
          buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
          registers: [registry],
        }),
    },
  ],
  exports: [METRICS_REGISTRY, HTTP_DURATION],
})
export class MetricsModule {}
