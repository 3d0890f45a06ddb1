import { durationToMs } from '@zhishou/flow-schema';
import { cancelTimer, traceNode } from '../context';
import type { NodeHandler } from './types';

/** Timer ids are derived from the turn and the node, so a retried turn schedules the same job. */
export function timerId(turn: number, nodeId: string): string {
  return `t${turn}-${nodeId}`;
}

/**
 * Waits for a durable timer. A message before it fires cancels it and leaves by `out` (the message
 * stays unconsumed, for the next node that listens); the timer itself leaves by `timeout`; a timer
 * that is not the pending one is ignored.
 */
export const waitHandler: NodeHandler<'wait'> = {
  async enter(node, ctx) {
    if (ctx.pending) {
      traceNode(ctx, node, 'enter', 'a message is already there: not waiting');
      return { type: 'handle', handle: 'out' };
    }
    const delayMs = durationToMs(node.config.delay);
    const id = timerId(ctx.state.turn, node.id);
    ctx.state.timer = { id, nodeId: node.id, fireAt: ctx.now + delayMs };
    ctx.effects.push({ type: 'schedule_timer', timerId: id, delayMs, nodeId: node.id });
    return { type: 'wait', status: 'waiting_timer', detail: `timer ${id} in ${delayMs} ms` };
  },
  async resume(node, ctx, input) {
    if (input.type === 'timer') {
      if (ctx.state.timer?.id !== input.timerId) return { type: 'ignore', detail: `stale timer ${input.timerId}` };
      ctx.state.timer = null;
      return { type: 'handle', handle: 'timeout' };
    }
    if (input.type === 'message') {
      cancelTimer(ctx);
      return { type: 'handle', handle: 'out' };
    }
    return { type: 'ignore', detail: `wait node ignores ${input.type}` };
  },
};
