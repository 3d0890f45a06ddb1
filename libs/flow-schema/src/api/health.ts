import { z } from 'zod';

/** GET /health — database and queue reachable (503 with the same body when not). */
export const healthCheckSchema = z.strictObject({
  status: z.enum(['ok', 'down']).describe('this dependency'),
  error: z.string().optional().describe('why it is down'),
  driver: z.string().optional().describe('queue driver (bullmq or pg-boss)'),
});
export const healthReportSchema = z.strictObject({
  status: z.enum(['ok', 'down']).describe('ok when every check is ok'),
  checks: z.record(z.string(), healthCheckSchema).describe('per dependency'),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

/** GET /metrics — Prometheus text exposition (text/plain, not JSON). */
export const prometheusTextSchema = z.string().regex(/^# (HELP|TYPE) /, 'Prometheus text exposition').describe('Prometheus metrics, text exposition format');
