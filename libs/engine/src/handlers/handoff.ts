import { render, say } from '../context';
import { consumeMessage } from '../slots';
import type { NodeHandler } from './types';

/**
 * Hands the conversation to a human queue. The bot stays silent (messages are recorded by the api,
 * not answered) until a `release` input, which continues by `out`.
 */
export const handoffHandler: NodeHandler<'handoff'> = {
  async enter(node, ctx) {
    consumeMessage(ctx);
    say(ctx, node, node.config.message);
    const reason = node.config.reason === undefined ? undefined : render(ctx, node.config.reason);
    ctx.effects.push({
      type: 'handoff',
      queue: node.config.queue,
      priority: node.config.priority,
      ...(reason ? { reason } : {}),
      nodeId: node.id,
    });
    return { type: 'wait', status: 'handed_off', detail: `queue ${node.config.queue}, priority ${node.config.priority}` };
  },
  async resume(_node, ctx, input) {
    if (input.type === 'release') return { type: 'handle', handle: 'out' };
    if (input.type === 'message') {
      consumeMessage(ctx);
      return { type: 'wait', status: 'handed_off', detail: 'with a human agent: the bot stays silent' };
    }
    return { type: 'ignore', detail: `handed off: ${input.type} ignored` };
  },
};
