import type { NodeOfKind } from '@zhishou/flow-schema';
import { fallbackVariants, say, type RunContext } from '../context';
import { selectEdge } from '../guards';
import { consumeMessage } from '../slots';
import type { NodeHandler, Outcome } from './types';

type ListenNode = NodeOfKind<'listen'>;

/** Routes a message by the out-edges' guards; when none matches, says noMatch and keeps waiting. */
async function route(node: ListenNode, ctx: RunContext): Promise<Outcome> {
  consumeMessage(ctx);
  const edge = await selectEdge(ctx, node, 'out');
  if (edge) return { type: 'edge', edge };
  const noMatch = node.config.noMatch.length > 0 ? node.config.noMatch : fallbackVariants(ctx);
  say(ctx, node, noMatch, { quickReplies: node.config.quickReplies });
  return { type: 'wait', status: 'waiting_input', detail: 'no match' };
}

export const listenHandler: NodeHandler<'listen'> = {
  consumesMessages: true,
  async enter(node, ctx) {
    if (ctx.pending) return route(node, ctx);
    say(ctx, node, node.config.prompt, { quickReplies: node.config.quickReplies });
    return { type: 'wait', status: 'waiting_input' };
  },
  async resume(node, ctx, input) {
    if (input.type !== 'message') return { type: 'ignore', detail: `listen waits for a message, not ${input.type}` };
    return route(node, ctx);
  },
};
