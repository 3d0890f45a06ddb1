import type { FlowEdge, FlowNode, Guard } from '@zhishou/flow-schema';
import { edgesInGuardOrder } from '@zhishou/flow-schema';
import { conditionFacts, traceNode, type RunContext } from './context';
import { isFilled } from './state';

/**
 * Whether a guard lets the conversation through. Intent and emotion guards read this turn's message
 * only (a timer turn has no intent); conditions go through the condition port.
 */
export async function guardPasses(ctx: RunContext, guard: Guard): Promise<boolean> {
  switch (guard.type) {
    case 'default':
      return true;
    case 'intent': {
      const nlu = ctx.turnNlu;
      const min = guard.minConfidence ?? ctx.flow.settings.minConfidence;
      return nlu !== null && guard.intents.includes(nlu.intent.intent) && nlu.intent.confidence >= min;
    }
    case 'emotion': {
      const nlu = ctx.turnNlu;
      return nlu !== null && guard.emotions.includes(nlu.emotion.label) && nlu.emotion.score >= (guard.minScore ?? 0);
    }
    case 'condition':
      return ctx.ports.conditions.evaluate(guard.condition, conditionFacts(ctx));
    case 'slot_filled':
      return isFilled(ctx.state.slots[guard.slot]);
  }
}

/**
 * The edge a node leaves by on `handle`: guarded edges by priority, `default` last. A condition that
 * cannot be evaluated (invalid) counts as not passing and is traced, so one bad edge cannot stop a turn.
 */
export async function selectEdge(ctx: RunContext, node: FlowNode, handle: string): Promise<FlowEdge | null> {
  for (const edge of edgesInGuardOrder(ctx.flow, node.id, handle)) {
    let passes: boolean;
    try {
      passes = await guardPasses(ctx, edge.guard);
    } catch (error) {
      traceNode(ctx, node, 'error', `guard of edge ${edge.id} failed: ${error instanceof Error ? error.message : String(error)}`, edge.id);
      passes = false;
    }
    if (passes) return edge;
  }
  return null;
}
