import { Inject, Injectable } from '@nestjs/common';
import type { BusinessEvent } from '@zhishou/flow-schema';
import type { RenderedAction, ScheduleDecision } from '@zhishou/rules';
import { Sql, type SqlExecutor } from '../../infra/database/sql';

export type TriggerStatus = 'pending' | 'fired' | 'skipped' | 'cancelled' | 'failed';
export type FireOutcome = 'fired' | 'skipped' | 'cancelled' | 'failed';

export interface TriggerRow {
  jobId: string;
  bot: string;
  ruleSetKey: string;
  ruleId: string;
  ruleSetVersion: number | null;
  dedupeKey: string;
  eventId: string;
  trigger: BusinessEvent;
  dueAt: Date;
  status: TriggerStatus;
  attempts: number;
}

export interface FireRecord {
  jobId: string;
  bot: string;
  ruleSetKey: string;
  ruleId: string;
  scheduledVersion: number | null;
  firedVersion: number | null;
  outcome: FireOutcome;
  reason: string | null;
  error: string | null;
  eventId: string;
  actions: RenderedAction[] | null;
  dueAt: Date;
  latenessMs: number | null;
}

export interface DeliveryRow {
  id: string;
  jobId: string;
  bot: string;
  ruleId: string;
  kind: RenderedAction['type'];
  action: RenderedAction;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface RawTrigger {
  job_id: string;
  bot_key: string;
  ruleset_key: string;
  rule_id: string;
  ruleset_version: number | null;
  dedupe_key: string;
  event_id: string;
  trigger_event: BusinessEvent;
  due_at: Date;
  status: TriggerStatus;
  attempts: number;
}

const toTrigger = (r: RawTrigger): TriggerRow => ({
  jobId: r.job_id,
  bot: r.bot_key,
  ruleSetKey: r.ruleset_key,
  ruleId: r.rule_id,
  ruleSetVersion: r.ruleset_version,
  dedupeKey: r.dedupe_key,
  eventId: r.event_id,
  trigger: r.trigger_event,
  dueAt: new Date(r.due_at),
  status: r.status,
  attempts: r.attempts,
});

interface RawDelivery {
  id: string;
  job_id: string;
  bot_key: string;
  rule_id: string;
  kind: RenderedAction['type'];
  action: RenderedAction;
  status: DeliveryRow['status'];
  attempts: number;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
}

const toDelivery = (r: RawDelivery): DeliveryRow => ({
  id: r.id,
  jobId: r.job_id,
  bot: r.bot_key,
  ruleId: r.rule_id,
  kind: r.kind,
  action: r.action,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const TRIGGER_COLUMNS = 'job_id, bot_key, ruleset_key, rule_id, ruleset_version, dedupe_key, event_id, trigger_event, due_at, status, attempts';

/** All SQL of triggers: scheduled triggers, the fire log and the outbox (`trigger_jobs`, `trigger_fires`, `trigger_deliveries`). */
@Injectable()
export class TriggerRepository {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  /** Inserts new triggers (ON CONFLICT on the job id: a duplicate collapses); returns the job ids inserted. */
  async insertTriggers(tx: SqlExecutor, bot: string, items: { decision: ScheduleDecision; trigger: BusinessEvent; status: TriggerStatus; reason?: string }[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const rows = items.map(({ decision, trigger, status, reason }) => ({
      job_id: decision.jobId,
      bot_key: bot,
      ruleset_key: decision.ruleSetKey,
      rule_id: decision.ruleId,
      ruleset_version: decision.ruleSetVersion,
      dedupe_key: decision.key,
      event_id: decision.eventId,
      trigger_event: trigger,
      due_at: new Date(decision.dueAt).toISOString(),
      status,
      reason: reason ?? null,
    }));
    const { rows: inserted } = await tx.query<{ job_id: string }>(
      `INSERT INTO trigger_jobs (job_id, bot_key, ruleset_key, rule_id, ruleset_version, dedupe_key, event_id, trigger_event, due_at, status, reason)
       SELECT job_id, bot_key, ruleset_key, rule_id, ruleset_version, dedupe_key, event_id, trigger_event, due_at, status, reason
       FROM jsonb_to_recordset($1::jsonb) AS x(job_id uuid, bot_key text, ruleset_key text, rule_id text, ruleset_version integer,
            dedupe_key text, event_id text, trigger_event jsonb, due_at timestamptz, status text, reason text)
       ON CONFLICT (job_id) DO NOTHING
       RETURNING job_id`,
      [JSON.stringify(rows)],
    );
    return new Set(inserted.map((r) => r.job_id));
  }

  /** Pending triggers among these job ids, locked for the rest of the transaction. */
  async lockPending(tx: SqlExecutor, jobIds: readonly string[]): Promise<TriggerRow[]> {
    if (jobIds.length === 0) return [];
    const { rows } = await tx.query<RawTrigger>(`SELECT ${TRIGGER_COLUMNS} FROM trigger_jobs WHERE job_id = ANY($1::uuid[]) AND status = 'pending' FOR UPDATE`, [jobIds]);
    return rows.map(toTrigger);
  }

  async find(jobId: string): Promise<TriggerRow | null> {
    const { rows } = await this.sql.query<RawTrigger>(`SELECT ${TRIGGER_COLUMNS} FROM trigger_jobs WHERE job_id = $1`, [jobId]);
    return rows[0] ? toTrigger(rows[0]) : null;
  }

  /**
   * Moves a trigger out of `pending` (the one transition that makes a fire exactly-once); false when
   * another run got there first.
   */
  async settle(tx: SqlExecutor, jobId: string, status: Exclude<TriggerStatus, 'pending'>, reason: string | null, error: string | null = null): Promise<boolean> {
    const { rowCount } = await tx.query(
      `UPDATE trigger_jobs SET status = $2, reason = $3, last_error = COALESCE($4, last_error), updated_at = now()
       WHERE job_id = $1 AND status = 'pending'`,
      [jobId, status, reason, error],
    );
    return (rowCount ?? 0) > 0;
  }

  /**
   * Settles a pending trigger, writes its fire-log row and its outbox rows in ONE statement (data-modifying
   * CTEs are atomic): nothing is written unless this call moved the row out of `pending`.
   */
  async settleWithRecord(fire: FireRecord, deliveries: { id: string; action: RenderedAction }[]): Promise<boolean> {
    const { rows } = await this.sql.query<{ n: number }>(
      `WITH settled AS (
         UPDATE trigger_jobs SET status = $2, reason = $3, updated_at = now() WHERE job_id = $1 AND status = 'pending' RETURNING job_id
       ), fire AS (
         INSERT INTO trigger_fires (job_id, bot_key, ruleset_key, rule_id, scheduled_version, fired_version, outcome, reason, error, event_id, actions, due_at, lateness_ms)
         SELECT $1, $4, $5, $6, $7, $8, $2, $3, NULL, $9, $10::jsonb, $11, $12 WHERE EXISTS (SELECT 1 FROM settled)
       ), outbox AS (
         INSERT INTO trigger_deliveries (id, job_id, bot_key, rule_id, kind, action)
         SELECT x.id, $1, $4, $6, x.kind, x.action FROM jsonb_to_recordset($13::jsonb) AS x(id uuid, kind text, action jsonb)
         WHERE EXISTS (SELECT 1 FROM settled)
         ON CONFLICT (id) DO NOTHING
       )
       SELECT count(*)::int AS n FROM settled`,
      [
        fire.jobId,
        fire.outcome,
        fire.reason,
        fire.bot,
        fire.ruleSetKey,
        fire.ruleId,
        fire.scheduledVersion,
        fire.firedVersion,
        fire.eventId,
        fire.actions === null ? null : JSON.stringify(fire.actions),
        fire.dueAt.toISOString(),
        fire.latenessMs,
        JSON.stringify(deliveries.map((d) => ({ id: d.id, kind: d.action.type, action: d.action }))),
      ],
    );
    return (rows[0]?.n ?? 0) > 0;
  }

  /**
   * A failed evaluation, in one unit of work: on the last try the trigger is settled `failed` (false, and
   * nothing written, when another run settled it first); every try gets its fire-log row.
   */
  recordFailure(fire: FireRecord, last: boolean): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      if (last && !(await this.settle(tx, fire.jobId, 'failed', 'evaluation_error', fire.error))) return false;
      await this.insertFires(tx, [fire]);
      return true;
    });
  }

  /** Triggers and deliveries by status (the queue dashboard on pg-boss). */
  async statusCounts(): Promise<{ triggers: Record<string, number>; deliveries: Record<string, number> }> {
    const [triggers, deliveries] = await Promise.all([
      this.sql.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM trigger_jobs GROUP BY status`),
      this.sql.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM trigger_deliveries GROUP BY status`),
    ]);
    const byStatus = (rows: { status: string; n: string }[]) => Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    return { triggers: byStatus(triggers.rows), deliveries: byStatus(deliveries.rows) };
  }

  async recordAttemptError(jobId: string, error: string): Promise<void> {
    await this.sql.query(`UPDATE trigger_jobs SET attempts = attempts + 1, last_error = $2, updated_at = now() WHERE job_id = $1`, [jobId, error]);
  }

  async insertFires(tx: SqlExecutor, fires: readonly FireRecord[]): Promise<void> {
    if (fires.length === 0) return;
    const rows = fires.map((f) => ({
      job_id: f.jobId,
      bot_key: f.bot,
      ruleset_key: f.ruleSetKey,
      rule_id: f.ruleId,
      scheduled_version: f.scheduledVersion,
      fired_version: f.firedVersion,
      outcome: f.outcome,
      reason: f.reason,
      error: f.error,
      event_id: f.eventId,
      actions: f.actions,
      due_at: f.dueAt.toISOString(),
      lateness_ms: f.latenessMs,
    }));
    await tx.query(
      `INSERT INTO trigger_fires (job_id, bot_key, ruleset_key, rule_id, scheduled_version, fired_version, outcome, reason, error, event_id, actions, due_at, lateness_ms)
       SELECT job_id, bot_key, ruleset_key, rule_id, scheduled_version, fired_version, outcome, reason, error, event_id, actions, due_at, lateness_ms
       FROM jsonb_to_recordset($1::jsonb) AS x(job_id uuid, bot_key text, ruleset_key text, rule_id text, scheduled_version integer, fired_version integer,
            outcome text, reason text, error text, event_id text, actions jsonb, due_at timestamptz, lateness_ms integer)`,
      [JSON.stringify(rows)],
    );
  }

  async findDelivery(id: string): Promise<DeliveryRow | null> {
    const { rows } = await this.sql.query<RawDelivery>(`SELECT * FROM trigger_deliveries WHERE id = $1`, [id]);
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  /** Keeps what a start_flow delivery's turn produced, so a retry sends it again instead of running the flow again. */
  async storeFlowReplies(id: string, replies: unknown[]): Promise<void> {
    await this.sql.query(`UPDATE trigger_deliveries SET action = action || jsonb_build_object('replies', $2::jsonb), updated_at = now() WHERE id = $1`, [id, JSON.stringify(replies)]);
  }

  async markDelivered(id: string): Promise<void> {
    await this.sql.query(`UPDATE trigger_deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = now(), updated_at = now() WHERE id = $1 AND status = 'pending'`, [id]);
  }

  /** Counts a failed try; `dead` moves it to the dead-letter list. */
  async markDeliveryFailure(id: string, error: string, dead: boolean): Promise<void> {
    await this.sql.query(
      `UPDATE trigger_deliveries SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'dead' ELSE status END, updated_at = now()
       WHERE id = $1 AND status = 'pending'`,
      [id, error.slice(0, 2_000), dead],
    );
  }

  /** Puts a dead delivery back to pending (ops retry); false when it is not dead. */
  async revive(bot: string, id: string): Promise<boolean> {
    const { rowCount } = await this.sql.query(`UPDATE trigger_deliveries SET status = 'pending', attempts = 0, updated_at = now() WHERE id = $1 AND bot_key = $2 AND status = 'dead'`, [id, bot]);
    return (rowCount ?? 0) > 0;
  }

  async listDeliveries(bot: string, status: DeliveryRow['status'] | undefined, limit: number): Promise<DeliveryRow[]> {
    const { rows } = status
      ? await this.sql.query<RawDelivery>(`SELECT * FROM trigger_deliveries WHERE bot_key = $1 AND status = $2 ORDER BY updated_at DESC LIMIT $3`, [bot, status, limit])
      : await this.sql.query<RawDelivery>(`SELECT * FROM trigger_deliveries WHERE bot_key = $1 ORDER BY updated_at DESC LIMIT $2`, [bot, limit]);
    return rows.map(toDelivery);
  }

  /** Pending triggers already past `before` (the reconciler's wake-up list). */
  async overdue(before: Date, limit: number): Promise<{ jobId: string; bot: string }[]> {
    const { rows } = await this.sql.query<{ job_id: string; bot_key: string }>(
      `SELECT job_id, bot_key FROM trigger_jobs WHERE status = 'pending' AND due_at < $1 ORDER BY due_at LIMIT $2`,
      [before.toISOString(), limit],
    );
    return rows.map((r) => ({ jobId: r.job_id, bot: r.bot_key }));
  }

  /** Pending deliveries last touched before `before`. */
  async pendingDeliveries(before: Date, limit: number): Promise<{ id: string; bot: string; updatedAt: Date }[]> {
    const { rows } = await this.sql.query<{ id: string; bot_key: string; updated_at: Date }>(
      `SELECT id, bot_key, updated_at FROM trigger_deliveries WHERE status = 'pending' AND updated_at < $1 ORDER BY updated_at LIMIT $2`,
      [before.toISOString(), limit],
    );
    return rows.map((r) => ({ id: r.id, bot: r.bot_key, updatedAt: new Date(r.updated_at) }));
  }

  async listFires(bot: string, filter: { ruleId?: string; outcome?: string; limit: number }) {
    const params: unknown[] = [bot];
    const where = ['bot_key = $1'];
    if (filter.ruleId) {
      params.push(filter.ruleId);
      where.push(`rule_id = $${params.length}`);
    }
    if (filter.outcome) {
      params.push(filter.outcome);
      where.push(`outcome = $${params.length}`);
    }
    params.push(filter.limit);
    const { rows } = await this.sql.query<Record<string, unknown>>(
      `SELECT id, job_id, ruleset_key, rule_id, scheduled_version, fired_version, outcome, reason, error, event_id, actions, due_at, at, lateness_ms
       FROM trigger_fires WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: String(r['id']),
      jobId: r['job_id'] as string,
      ruleSetKey: r['ruleset_key'] as string,
      ruleId: r['rule_id'] as string,
      scheduledVersion: r['scheduled_version'] as number | null,
      firedVersion: r['fired_version'] as number | null,
      outcome: r['outcome'] as FireOutcome,
      reason: r['reason'] as string | null,
      error: r['error'] as string | null,
      eventId: r['event_id'] as string,
      actions: r['actions'] as RenderedAction[] | null,
      dueAt: new Date(r['due_at'] as string).toISOString(),
      at: new Date(r['at'] as string).toISOString(),
      latenessMs: r['lateness_ms'] as number | null,
    }));
  }

  /** Per rule: pending count and the counts and last time of each outcome. */
  async ruleStats(bot: string): Promise<Map<string, { pending: number; outcomes: Record<string, number>; lastFireAt: string | null }>> {
    const { rows: pending } = await this.sql.query<{ ruleset_key: string; rule_id: string; n: string }>(
      `SELECT ruleset_key, rule_id, count(*) AS n FROM trigger_jobs WHERE bot_key = $1 AND status = 'pending' GROUP BY ruleset_key, rule_id`,
      [bot],
    );
    const { rows: fires } = await this.sql.query<{ ruleset_key: string; rule_id: string; outcome: string; n: string; last: Date }>(
      `SELECT ruleset_key, rule_id, outcome, count(*) AS n, max(at) AS last FROM trigger_fires WHERE bot_key = $1 GROUP BY ruleset_key, rule_id, outcome`,
      [bot],
    );
    const stats = new Map<string, { pending: number; outcomes: Record<string, number>; lastFireAt: string | null }>();
    const entry = (set: string, rule: string) => {
      const key = `${set}/${rule}`;
      let s = stats.get(key);
      if (!s) stats.set(key, (s = { pending: 0, outcomes: {}, lastFireAt: null }));
      return s;
    };
    for (const p of pending) entry(p.ruleset_key, p.rule_id).pending = Number(p.n);
    for (const f of fires) {
      const s = entry(f.ruleset_key, f.rule_id);
      s.outcomes[f.outcome] = Number(f.n);
      const last = new Date(f.last).toISOString();
      if (!s.lastFireAt || last > s.lastFireAt) s.lastFireAt = last;
    }
    return stats;
  }
}

/** What the scheduler, the runner and the reconciler need of the repository (service tests give them an in-memory one). */
export type TriggerStore = Pick<
  TriggerRepository,
  | 'insertTriggers'
  | 'lockPending'
  | 'settle'
  | 'insertFires'
  | 'find'
  | 'settleWithRecord'
  | 'recordFailure'
  | 'recordAttemptError'
  | 'findDelivery'
  | 'storeFlowReplies'
  | 'markDelivered'
  | 'markDeliveryFailure'
  | 'overdue'
  | 'pendingDeliveries'
>;
