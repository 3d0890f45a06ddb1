/** Durable timers of wait nodes; implemented on the queue port (`conversation.timer` jobs). */
export interface TimerScheduler {
  schedule(timer: ConversationTimer, delayMs: number): Promise<void>;
  cancel(timer: Pick<ConversationTimer, 'conversationId' | 'timerId'>): Promise<void>;
}

export interface ConversationTimer {
  bot: string;
  /** The `:cid` the conversation is addressed by. */
  externalId: string;
  conversationId: string;
  timerId: string;
}

export const TIMER_SCHEDULER = Symbol('TIMER_SCHEDULER');

/** Deterministic job id: scheduling the same timer twice is one job, and cancelling needs no lookup. */
export function timerJobId(t: Pick<ConversationTimer, 'conversationId' | 'timerId'>): string {
  return `timer-${t.conversationId}-${t.timerId}`;
}

/** Outbox topics of wait-node timers (written by the turn's commit, carried out after it). */
export const TIMER_SCHEDULE_TOPIC = 'timer.schedule';
export const TIMER_CANCEL_TOPIC = 'timer.cancel';
