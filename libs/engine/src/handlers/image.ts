import { isPortNotConfigured } from '@zhishou/flow-schema';
import { traceNode } from '../context';
import type { NodeHandler } from './types';

/** Reads attributes of the image sent with this turn's message into a variable; `error` otherwise. */
export const imageHandler: NodeHandler<'image'> = {
  async enter(node, ctx) {
    const image = ctx.input.type === 'message' ? ctx.input.image : undefined;
    if (!image) {
      traceNode(ctx, node, 'error', 'no image in this message');
      return { type: 'handle', handle: 'error' };
    }
    try {
      ctx.state.vars[node.config.saveAs] = { ...(await ctx.ports.image.attributes(image)) };
      return { type: 'handle', handle: 'out' };
    } catch (error) {
      traceNode(ctx, node, 'error', isPortNotConfigured(error) ? 'image model not configured' : `image attributes failed: ${error instanceof Error ? error.message : String(error)}`);
      return { type: 'handle', handle: 'error' };
    }
  },
};
