import { say } from '../context';
import type { NodeHandler } from './types';

export const messageHandler: NodeHandler<'message'> = {
  async enter(node, ctx) {
    say(ctx, node, node.config.variants, { quickReplies: node.config.quickReplies, ...(node.config.imageUrl ? { imageUrl: node.config.imageUrl } : {}) });
    return { type: 'handle', handle: 'out' };
  },
};
