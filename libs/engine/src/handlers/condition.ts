import { conditionFacts, traceNode } from '../context';
import type { NodeHandler } from './types';

/** Branches on a condition; one that cannot be evaluated takes `false` and is traced. */
export const conditionHandler: NodeHandler<'condition'> = {
  async enter(node, ctx) {
    try {
      const result = await ctx.ports.conditions.evaluate(node.config.condition, conditionFacts(ctx));
      return { type: 'handle', handle: result ? 'true' : 'false' };
    } catch (error) {
      traceNode(ctx, node, 'error', `condition failed: ${error instanceof Error ? error.message : String(error)}`);
      return { type: 'handle', handle: 'false' };
    }
  },
};
