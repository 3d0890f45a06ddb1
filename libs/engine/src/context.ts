import type {
  ConversationState,
  Effect,
  EnginePorts,
  Flow,
  FlowNode,
  NluResult,
  Reply,
  TraceEntry,
  TurnInput,
} from '@zhishou/flow-schema';
import { chooseVariant, renderTemplate, templateScope, type TemplateEncoding } from './template';

export type MessageInput = Extract<TurnInput, { type: 'message' }>;

/**
 * Everything one turn works on. `state` is the turn's own deep copy of the conversation state, so
 * handlers may update it freely; the caller's state object is never touched.
 */
export interface RunContext {
  readonly mainFlow: Flow;
  /** The flow the conversation is in right now (main flow or a subflow). */
  flow: Flow;
  readonly state: ConversationState;
  readonly ports: EnginePorts;
  readonly input: TurnInput;
  readonly now: number;
  /** NLU of this turn's message (null on timer / release / event turns): what intent and emotion guards read. */
  readonly turnNlu: NluResult | null;
  /** This turn's message until a node consumes it. */
  pending: MessageInput | null;
  readonly replies: Reply[];
  readonly effects: Effect[];
  readonly trace: TraceEntry[];
  steps: number;
}

export function createContext(init: {
  mainFlow: Flow;
  flow: Flow;
  state: ConversationState;
  ports: EnginePorts;
  input: TurnInput;
  now: number;
}): RunContext {
  const message = init.input.type === 'message' ? init.input : null;
  return { ...init, turnNlu: message?.nlu ?? null, pending: message, replies: [], effects: [], trace: [], steps: 0 };
}

export function traceNode(ctx: RunContext, node: FlowNode, event: TraceEntry['event'], detail?: string, edgeId?: string): void {
  ctx.trace.push({
    flowKey: ctx.flow.key,
    nodeId: node.id,
    kind: node.kind,
    event,
    ...(edgeId === undefined ? {} : { edgeId }),
    ...(detail === undefined ? {} : { detail }),
  });
}

export function render(ctx: RunContext, template: string, encoding: TemplateEncoding = 'text'): string {
  return renderTemplate(template, templateScope(ctx.state), encoding);
}

/** Says one of the variants (chosen deterministically), rendered; nothing when there are none. */
export function say(
  ctx: RunContext,
  node: FlowNode,
  variants: readonly string[],
  extra: { quickReplies?: readonly string[]; imageUrl?: string } = {},
): void {
  const chosen = chooseVariant(variants, ctx.state.turn, node.id);
  if (chosen === undefined) return;
  ctx.replies.push({
    type: 'text',
    text: render(ctx, chosen),
    quickReplies: [...(extra.quickReplies ?? [])],
    ...(extra.imageUrl ? { imageUrl: render(ctx, extra.imageUrl) } : {}),
    nodeId: node.id,
  });
}

/** Says text that is data (a knowledge-base answer), not a template. */
export function sayLiteral(ctx: RunContext, node: FlowNode, text: string): void {
  ctx.replies.push({ type: 'text', text, quickReplies: [], nodeId: node.id });
}

/** The flow's fallback, else the main flow's. */
export function fallbackVariants(ctx: RunContext): string[] {
  return ctx.flow.settings.fallback.length > 0 ? ctx.flow.settings.fallback : ctx.mainFlow.settings.fallback;
}

/** Facts for conditions: `{ slots, vars, nlu, input, event? }` plus the turn's clock for relative-time operators. */
export function conditionFacts(ctx: RunContext): Record<string, unknown> {
  const input = ctx.input;
  return {
    slots: ctx.state.slots,
    vars: ctx.state.vars,
    nlu: ctx.state.lastNlu ?? {},
    input:
      input.type === 'message'
        ? { type: 'message', text: input.text, ...(input.image ? { image: input.image } : {}) }
        : input.type === 'event'
          ? { type: 'event', event: input.event }
          : { type: input.type },
    ...(input.type === 'event' ? { event: input.event } : {}),
    $now: ctx.now,
  };
}

/** Cancels the pending timer (the user answered before it fired, or the conversation moved on). */
export function cancelTimer(ctx: RunContext): void {
  if (!ctx.state.timer) return;
  ctx.effects.push({ type: 'cancel_timer', timerId: ctx.state.timer.id });
  ctx.state.timer = null;
}
