import type { RenderedAction } from '@zhishou/rules';
import type { SqlExecutor } from '../../src/infra/database/sql';
import type { DeliveryRow, FireRecord, TriggerRow, TriggerStatus, TriggerStore } from '../../src/modules/triggers/trigger.repository';

/**
 * TriggerRepository's contract in memory, for the service tier: the same conditional transitions the
 * SQL makes (a trigger leaves `pending` once; a duplicate job id or delivery id collapses), so the
 * scheduler's and runner's exactly-once logic is tested without Postgres. The real repository is
 * covered by the medium tests in this folder.
 */
export class InMemoryTriggerStore implements TriggerStore {
  readonly triggers = new Map<string, TriggerRow & { reason: string | null; lastError: string | null }>();
  readonly fires: FireRecord[] = [];
  readonly deliveries = new Map<string, DeliveryRow>();
  /** The unit of work each transactional write ran in. */
  readonly writes: { what: string; tx: SqlExecutor }[] = [];

  async insertTriggers(tx: SqlExecutor, bot: string, items: Parameters<TriggerStore['insertTriggers']>[2]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (const { decision, trigger, status, reason } of items) {
      if (this.triggers.has(decision.jobId)) continue;
      this.triggers.set(decision.jobId, {
        jobId: decision.jobId,
        bot,
        ruleSetKey: decision.ruleSetKey,
        ruleId: decision.ruleId,
        ruleSetVersion: decision.ruleSetVersion,
        dedupeKey: decision.key,
        eventId: decision.eventId,
        trigger,
        dueAt: new Date(decision.dueAt),
        status,
        attempts: 0,
        reason: reason ?? null,
        lastError: null,
      });
      inserted.add(decision.jobId);
    }
    this.writes.push({ what: 'insertTriggers', tx });
    return inserted;
  }

  async lockPending(_tx: SqlExecutor, jobIds: readonly string[]): Promise<TriggerRow[]> {
    return jobIds.map((id) => this.triggers.get(id)).filter((t): t is NonNullable<typeof t> => t?.status === 'pending').map((t) => ({ ...t }));
  }

  async settle(tx: SqlExecutor, jobId: string, status: Exclude<TriggerStatus, 'pending'>, reason: string | null, error: string | null = null): Promise<boolean> {
    this.writes.push({ what: `settle ${status}`, tx });
    return this.transition(jobId, status, reason, error);
  }

  /** The one way out of `pending` (UPDATE … WHERE status = 'pending'). */
  private transition(jobId: string, status: Exclude<TriggerStatus, 'pending'>, reason: string | null, error: string | null): boolean {
    const row = this.triggers.get(jobId);
    if (row?.status !== 'pending') return false;
    Object.assign(row, { status, reason, lastError: error ?? row.lastError });
    return true;
  }

  async insertFires(tx: SqlExecutor, fires: readonly FireRecord[]): Promise<void> {
    if (fires.length > 0) this.writes.push({ what: 'insertFires', tx });
    this.fires.push(...fires);
  }

  async find(jobId: string): Promise<TriggerRow | null> {
    const row = this.triggers.get(jobId);
    return row ? { ...row } : null;
  }

  async settleWithRecord(fire: FireRecord, deliveries: { id: string; action: RenderedAction }[]): Promise<boolean> {
    if (!this.transition(fire.jobId, fire.outcome, fire.reason, null)) return false;
    this.fires.push({ ...fire, error: null });
    const now = new Date();
    for (const d of deliveries) {
      if (this.deliveries.has(d.id)) continue;
      this.deliveries.set(d.id, { id: d.id, jobId: fire.jobId, bot: fire.bot, ruleId: fire.ruleId, kind: d.action.type, action: d.action, status: 'pending', attempts: 0, lastError: null, createdAt: now, updatedAt: now });
    }
    return true;
  }

  async recordFailure(fire: FireRecord, last: boolean): Promise<boolean> {
    if (last && !this.transition(fire.jobId, 'failed', 'evaluation_error', fire.error)) return false;
    this.fires.push(fire);
    return true;
  }

  async recordAttemptError(jobId: string, error: string): Promise<void> {
    const row = this.triggers.get(jobId);
    if (row) Object.assign(row, { attempts: row.attempts + 1, lastError: error });
  }

  async findDelivery(id: string): Promise<DeliveryRow | null> {
    const row = this.deliveries.get(id);
    return row ? { ...row } : null;
  }

  async storeFlowReplies(id: string, replies: unknown[]): Promise<void> {
    const row = this.deliveries.get(id);
    // Like `action || {replies}` in SQL: the replies ride along on the stored action.
    if (row) row.action = Object.assign({}, row.action, { replies });
  }

  async markDelivered(id: string): Promise<void> {
    const row = this.deliveries.get(id);
    if (row?.status === 'pending') Object.assign(row, { status: 'delivered', attempts: row.attempts + 1, updatedAt: new Date() });
  }

  async markDeliveryFailure(id: string, error: string, dead: boolean): Promise<void> {
    const row = this.deliveries.get(id);
    if (row?.status === 'pending') Object.assign(row, { attempts: row.attempts + 1, lastError: error, status: dead ? 'dead' : 'pending', updatedAt: new Date() });
  }

  async overdue(before: Date, limit: number): Promise<{ jobId: string; bot: string }[]> {
    return [...this.triggers.values()]
      .filter((t) => t.status === 'pending' && t.dueAt < before)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .slice(0, limit)
      .map((t) => ({ jobId: t.jobId, bot: t.bot }));
  }

  async pendingDeliveries(before: Date, limit: number): Promise<{ id: string; bot: string; updatedAt: Date }[]> {
    return [...this.deliveries.values()]
      .filter((d) => d.status === 'pending' && d.updatedAt < before)
      .slice(0, limit)
      .map((d) => ({ id: d.id, bot: d.bot, updatedAt: d.updatedAt }));
  }
}
