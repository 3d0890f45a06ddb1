import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { type AppConfig, CONFIG } from '../../infra/config/config';
import { Sql } from '../../infra/database/sql';
import { pgBossJobCounts } from '../../infra/queue/pgboss-counts';
import { JobName } from '../../infra/queue/job-catalogue';
import { USER_SESSIONS, type UserSessions } from '../auth/ports';
import { TokenService } from '../auth/tokens';
import { TriggerRepository } from './trigger.repository';

// @bull-board/fastify pins its own (patch-older) @bull-board/api; the adapter contract is the same.
type BoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];

export const DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'zs_queue_dashboard';

function cookieToken(header: string | undefined): string | undefined {
  return header
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([name]) => name === COOKIE)?.[1];
}

/**
 * The queue dashboard, read-only, for admins only: bull-board on BullMQ; on pg-boss an equivalent JSON
 * page of job counts by queue and state (plus trigger and delivery states). Plain Fastify routes (outside
 * Nest's guard), so they authenticate here: `Authorization: Bearer <admin JWT>`, or `?token=<admin JWT>`
 * once, which sets an HttpOnly cookie scoped to the dashboard and redirects (browsers cannot send headers).
 */
@Injectable()
export class QueueDashboard implements OnModuleInit, OnApplicationShutdown {
  private readonly closers: (() => Promise<unknown>)[] = [];

  constructor(
    @Inject(HttpAdapterHost) private readonly host: HttpAdapterHost,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(USER_SESSIONS) private readonly sessions: UserSessions,
    @Inject(Sql) private readonly sql: Sql,
    @Inject(TriggerRepository) private readonly triggers: TriggerRepository,
  ) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return; // the worker has no HTTP server
    const guard = (request: FastifyRequest, reply: FastifyReply) => this.authorize(request, reply);
    if (this.config.queue.driver === 'bullmq' && this.config.redisUrl) {
      const connection = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
      const queues = Object.values(JobName).map((name) => new Queue(name, { connection, prefix: this.config.queue.prefix }));
      this.closers.push(() => Promise.all(queues.map((q) => q.close())), () => connection.quit());
      const adapter = new FastifyAdapter();
      adapter.setBasePath(DASHBOARD_PATH);
      createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true })), serverAdapter: adapter as unknown as BoardServerAdapter, options: { uiConfig: { boardTitle: 'Zhishou queues' } } });
      void fastify.register(async (scope) => {
        scope.addHook('onRequest', guard);
        await scope.register(adapter.registerPlugin(), { prefix: DASHBOARD_PATH });
      });
    } else {
      void fastify.register(async (scope) => {
        scope.addHook('onRequest', guard);
        scope.get(DASHBOARD_PATH, async () => this.pgBossCounts());
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const close of this.closers) await close().catch(() => undefined);
  }

  private async authorize(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const query = request.query as Record<string, string | undefined>;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = bearer ?? query['token'] ?? cookieToken(request.headers.cookie);
    const claims = token ? await this.tokens.verify(token) : null;
    const user = claims ? await this.sessions.session(claims.id, claims.ver) : null;
    if (!user) return void reply.code(401).send({ error: 'unauthorized', message: 'the queue dashboard needs an admin login' });
    if (user.role !== 'admin') return void reply.code(403).send({ error: 'forbidden', message: 'admins only' });
    if (query['token']) {
      const secure = request.protocol === 'https' ? '; Secure' : '';
      reply.header('set-cookie', `${COOKIE}=${query['token']}; Path=${DASHBOARD_PATH}; HttpOnly; SameSite=Strict${secure}`);
      return void reply.redirect(request.url.split('?')[0] ?? DASHBOARD_PATH);
    }
  }

  /** pg-boss: job counts by queue and state (from infra/queue); trigger and outbox states beside them (from the repository). */
  private async pgBossCounts() {
    const [queues, { triggers, deliveries }] = await Promise.all([pgBossJobCounts(this.sql, this.config.queue.prefix), this.triggers.statusCounts()]);
    return { driver: 'pgboss', queues, triggers, deliveries };
  }
}
