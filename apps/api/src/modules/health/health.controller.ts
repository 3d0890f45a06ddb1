import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import { healthReportSchema, type HealthReport } from '@zhishou/flow-schema';
import { pingDatabase } from '../../infra/database/data-source';
import { Sql } from '../../infra/database/sql';
import { documentRoutes } from '../../infra/http-server/openapi';
import { QUEUE, type QueuePort } from '../../infra/queue/queue.port';
import { Public } from '../auth/decorators';

export type { HealthReport };

const CHECK_TIMEOUT_MS = 2000;

async function check(run: () => Promise<unknown>): Promise<{ status: 'ok' | 'down'; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'ok' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

documentRoutes([
  { method: 'GET', path: '/health', tag: 'operations', auth: 'public', summary: 'Database and queue reachable (503 when not)', response: healthReportSchema, errors: { 503: 'unhealthy: the body also carries `status` and `checks`' } },
]);

/** Liveness + readiness: the database and the queue store answer. 503 when either does not. */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @Inject(Sql) private readonly sql: Sql,
    @Inject(QUEUE) private readonly queue: QueuePort,
  ) {}

  @Get()
  async health(): Promise<HealthReport> {
    const [db, queue] = await Promise.all([check(() => pingDatabase(this.sql)), check(() => this.queue.ping())]);
    const report: HealthReport = { status: db.status === 'ok' && queue.status === 'ok' ? 'ok' : 'down', checks: { db, queue: { ...queue, driver: this.queue.driver } } };
    if (report.status !== 'ok') throw new HttpException({ error: 'unhealthy', ...report }, 503);
    return report;
  }
}
