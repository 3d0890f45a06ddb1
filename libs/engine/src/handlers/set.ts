import { templateScope, renderValue } from '../template';
import type { NodeHandler } from './types';

/** Assigns variables or slots; `increment` adds a number (a missing or non-numeric value counts as 0). */
export const setHandler: NodeHandler<'set'> = {
  async enter(node, ctx) {
    for (const assignment of node.config.assignments) {
      const target = ctx.state[assignment.scope];
      if (assignment.op === 'clear') {
        delete target[assignment.key];
      } else if (assignment.op === 'increment') {
        const current = target[assignment.key];
        const by = renderValue(assignment.value, templateScope(ctx.state));
        target[assignment.key] = (typeof current === 'number' ? current : 0) + (typeof by === 'number' ? by : Number(by) || 0);
      } else {
        target[assignment.key] = renderValue(assignment.value, templateScope(ctx.state));
      }
    }
    return { type: 'handle', handle: 'out' };
  },
};
