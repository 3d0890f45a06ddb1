import type { NodeOfKind } from '@zhishou/flow-schema';
import { say, traceNode, type MessageInput, type RunContext } from '../context';
import { consumeMessage, isValidSlotValue, slotDeclaration, slotValueFrom } from '../slots';
import type { NodeHandler, Outcome } from './types';

type AskNode = NodeOfKind<'ask'>;

/** Fills the slot from the message when the value validates; reports whether it did. */
function fillFrom(node: AskNode, ctx: RunContext, message: MessageInput): boolean {
  const value = slotValueFrom(message, slotDeclaration(ctx.flow, node.config.slot));
  if (value === undefined || !isValidSlotValue(value, node.config.validation)) return false;
  ctx.state.slots[node.config.slot] = value;
  delete ctx.state.attempts[node.id];
  return true;
}

function prompt(node: AskNode, ctx: RunContext): Outcome {
  ctx.state.attempts[node.id] = 0;
  say(ctx, node, node.config.prompt, { quickReplies: node.config.quickReplies });
  return { type: 'wait', status: 'waiting_input' };
}

/**
 * Asks for a slot. Skips the question when the slot already holds a valid value; takes the value
 * from a message that is already there (first turn); after `maxAttempts` re-asks, leaves by `fail`.
 */
export const askHandler: NodeHandler<'ask'> = {
  consumesMessages: true,
  async enter(node, ctx) {
    const current = ctx.state.slots[node.config.slot];
    if (node.config.skipIfFilled && isValidSlotValue(current, node.config.validation)) {
      traceNode(ctx, node, 'enter', 'slot already filled');
      return { type: 'handle', handle: 'out' };
    }
    const message = consumeMessage(ctx, node.config.slot);
    if (message && fillFrom(node, ctx, message)) return { type: 'handle', handle: 'out' };
    return prompt(node, ctx);
  },
  async resume(node, ctx, input) {
    if (input.type !== 'message') return { type: 'ignore', detail: `ask waits for a message, not ${input.type}` };
    const message = consumeMessage(ctx, node.config.slot) as MessageInput;
    if (fillFrom(node, ctx, message)) return { type: 'handle', handle: 'out' };
    const failures = (ctx.state.attempts[node.id] ?? 0) + 1;
    if (failures > node.config.maxAttempts) {
      delete ctx.state.attempts[node.id];
      traceNode(ctx, node, 'enter', `no valid ${node.config.slot} after ${node.config.maxAttempts} re-asks`);
      return { type: 'handle', handle: 'fail' };
    }
    ctx.state.attempts[node.id] = failures;
    const reprompt = node.config.reprompt.length > 0 ? node.config.reprompt : node.config.prompt;
    say(ctx, node, reprompt, { quickReplies: node.config.quickReplies });
    return { type: 'wait', status: 'waiting_input', detail: `re-ask ${failures}/${node.config.maxAttempts}` };
  },
};
