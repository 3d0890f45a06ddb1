import { traceNode } from '../context';
import { variableDefaults } from '../state';
import type { NodeHandler } from './types';

/** Calls another flow; its end returns here and continues by `out`. */
export const subflowHandler: NodeHandler<'subflow'> = {
  async enter(node, ctx) {
    const child = ctx.ports.flows.get(node.config.flow);
    if (!child) {
      traceNode(ctx, node, 'error', `unknown subflow "${node.config.flow}"`);
      return { type: 'handle', handle: 'out' };
    }
    ctx.state.stack.push({ flowKey: ctx.flow.key, nodeId: node.id });
    ctx.state.vars = variableDefaults(child, ctx.state.vars);
    return { type: 'call', flowKey: child.key };
  },
};
