import { say } from '../context';
import type { NodeHandler } from './types';

export const endHandler: NodeHandler<'end'> = {
  async enter(node, ctx) {
    say(ctx, node, node.config.message);
    return { type: 'finish', outcome: node.config.outcome };
  },
};
