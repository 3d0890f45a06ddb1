import type { ConversationState, EnginePorts, Flow, FlowNode, StepResult, TurnInput } from '@zhishou/flow-schema';
import { globalTransitionsInOrder, nodeById, startNodes } from '@zhishou/flow-schema';
import { cancelTimer, createContext, fallbackVariants, say, traceNode, type RunContext } from './context';
import { guardPasses, selectEdge } from './guards';
import { handlerFor } from './handlers/registry';
import type { Outcome } from './handlers/types';
import { consumeMessage } from './slots';
import { initialState, variableDefaults } from './state';

export interface StepOptions {
  /** The turn's clock (epoch ms): timers' fire times and relative-time conditions. The caller reads the
   * clock, so the engine stays pure and replays are deterministic. */
  now: number;
}

/** Where the loop stands: a node and what to do with it. */
interface Position {
  node: FlowNode;
  outcome: Outcome;
}

/** Stops the turn without applying any of it: too many steps, or a flow that cannot run (no start node). */
class TurnAborted extends Error {
  constructor(
    readonly node: FlowNode,
    readonly event: 'loop_guard' | 'error',
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * Runs one turn: delivers `input` to the conversation and runs nodes until one waits (for a message,
 * a timer or an agent) or the flow ends. Pure apart from the ports; never mutates `state`.
 * `state` null starts a new conversation from the start node (the first waiting node that listens
 * consumes the first message).
 */
export async function step(
  flow: Flow,
  state: ConversationState | null,
  input: TurnInput,
  ports: EnginePorts,
  options: StepOptions,
): Promise<StepResult> {
  const draft = state ? structuredClone(state) : initialState(flow);
  draft.turn += 1;
  if (input.type === 'message') draft.lastNlu = input.nlu;
  const ctx = createContext({ mainFlow: flow, flow, state: draft, ports, input, now: options.now });

  try {
    const first = await firstPosition(ctx, state);
    if (first.outcome.type === 'ignore') return ignored(ctx, state, first.node, first.outcome.detail);
    await run(ctx, first);
  } catch (error) {
    if (error instanceof TurnAborted) return aborted(ctx, state, error);
    throw error;
  }
  return { state: ctx.state, replies: ctx.replies, effects: ctx.effects, trace: ctx.trace };
}

function resolveFlow(ctx: RunContext, flowKey: string): Flow | undefined {
  return flowKey === ctx.mainFlow.key ? ctx.mainFlow : ctx.ports.flows.get(flowKey);
}

/** Starts `ctx.flow` at its start node (a new conversation, an event, a restart). */
async function begin(ctx: RunContext): Promise<Position> {
  const start = startNodes(ctx.flow)[0];
  if (!start) throw new TurnAborted({ id: 'start', kind: 'start', config: {} }, 'error', `flow "${ctx.flow.key}" has no start node`);
  return { node: start, outcome: await enterNode(ctx, start) };
}

function restart(ctx: RunContext): void {
  const fresh = initialState(ctx.mainFlow);
  Object.assign(ctx.state, fresh, { turn: ctx.state.turn, lastNlu: ctx.state.lastNlu });
  ctx.flow = ctx.mainFlow;
}

/** Decides how this input enters the conversation. */
async function firstPosition(ctx: RunContext, previous: ConversationState | null): Promise<Position> {
  const { state, input } = ctx;
  if (!previous || state.nodeId === null || state.status === 'active') {
    if (input.type === 'timer' || input.type === 'release') return ignoreAt(ctx, `nothing waits for a ${input.type}`);
    restart(ctx);
    return begin(ctx);
  }
  if (state.status === 'ended') {
    if (input.type !== 'message' && input.type !== 'event') return ignoreAt(ctx, `conversation ended: ${input.type} ignored`);
    restart(ctx);
    return begin(ctx);
  }
  const current = resolveFlow(ctx, state.flowKey);
  const node = current ? nodeById(current, state.nodeId) : undefined;
  if (!current || !node) {
    ctx.trace.push({ flowKey: state.flowKey, nodeId: state.nodeId, kind: 'unknown', event: 'error', detail: 'the waiting node no longer exists: restarting' });
    restart(ctx);
    return begin(ctx);
  }
  ctx.flow = current;
  if (input.type === 'event') {
    if (state.status === 'handed_off') return { node, outcome: { type: 'ignore', detail: 'handed off: event ignored' } };
    cancelTimer(ctx);
    state.stack = [];
    ctx.flow = ctx.mainFlow;
    return begin(ctx);
  }
  const handler = handlerFor(node);
  if (input.type === 'message' && handler.consumesMessages) {
    const global = await globalAt(ctx, node);
    if (global) return global;
  }
  if (!handler.resume) return { node, outcome: { type: 'ignore', detail: `${node.kind} does not wait` } };
  return { node, outcome: await handler.resume(node, ctx, input) };
}

function ignoreAt(ctx: RunContext, detail: string): Position {
  const placeholder: FlowNode = { id: ctx.state.nodeId ?? 'none', kind: 'start', config: {} };
  return { node: placeholder, outcome: { type: 'ignore', detail } };
}

/** Enters a node: counts the step (loop guard), checks global transitions before a node takes a message. */
async function enterNode(ctx: RunContext, node: FlowNode): Promise<Outcome> {
  ctx.steps += 1;
  const max = ctx.mainFlow.settings.maxStepsPerTurn;
  if (ctx.steps > max) throw new TurnAborted(node, 'loop_guard', `stopped after ${max} steps`);
  traceNode(ctx, node, 'enter');
  return handlerFor(node).enter(node, ctx);
}

async function enterWithGlobals(ctx: RunContext, node: FlowNode): Promise<Position> {
  // A global transition consumes the message, so it fires at most once per turn.
  if (ctx.pending && handlerFor(node).consumesMessages) {
    const global = await globalAt(ctx, node);
    if (global) return global;
  }
  return { node, outcome: await enterNode(ctx, node) };
}

/**
 * Global transitions of the current flow, then of the main flow, checked when a waiting node is
 * about to take a message. The transition consumes the message (its entities still fill slots).
 */
async function globalAt(ctx: RunContext, at: FlowNode): Promise<Position | null> {
  const owners = ctx.flow === ctx.mainFlow ? [ctx.mainFlow] : [ctx.flow, ctx.mainFlow];
  for (const owner of owners) {
    for (const transition of globalTransitionsInOrder(owner.settings.globalTransitions)) {
      let passes = false;
      try {
        passes = await guardPasses(ctx, transition.guard);
      } catch (error) {
        traceNode(ctx, at, 'error', `global ${transition.id} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!passes) continue;
      const target = transition.target;
      if ('node' in target) {
        const node = nodeById(owner, target.node);
        if (!node) {
          traceNode(ctx, at, 'error', `global ${transition.id} targets unknown node ${target.node}`);
          continue;
        }
        traceNode(ctx, at, 'global', transition.id);
        cancelTimer(ctx);
        if (owner !== ctx.flow) ctx.state.stack = [];
        ctx.flow = owner;
        consumeMessage(ctx);
        return { node, outcome: await enterNode(ctx, node) };
      }
      const called = resolveFlow(ctx, target.flow);
      if (!called) {
        traceNode(ctx, at, 'error', `global ${transition.id} targets unknown flow ${target.flow}`);
        continue;
      }
      traceNode(ctx, at, 'global', transition.id);
      cancelTimer(ctx);
      // Return to the interrupted node when the called flow ends.
      ctx.state.stack.push({ flowKey: ctx.flow.key, nodeId: at.id });
      ctx.flow = called;
      ctx.state.vars = variableDefaults(called, ctx.state.vars);
      consumeMessage(ctx);
      return begin(ctx);
    }
  }
  return null;
}

/** The step loop: follow outcomes until a node waits or the conversation ends. */
async function run(ctx: RunContext, first: Position): Promise<void> {
  let { node, outcome } = first;
  for (;;) {
    switch (outcome.type) {
      case 'wait':
        ctx.state.status = outcome.status;
        ctx.state.nodeId = node.id;
        ctx.state.flowKey = ctx.flow.key;
        traceNode(ctx, node, 'wait', outcome.detail);
        return;
      case 'ignore':
        // Only resume() ignores, and that is handled before the loop; inside a run it is a no-op wait.
        traceNode(ctx, node, 'error', outcome.detail);
        return;
      case 'handle': {
        const edge = await selectEdge(ctx, node, outcome.handle);
        if (!edge) {
          traceNode(ctx, node, 'error', `no edge for handle "${outcome.handle}": the flow ends here`);
          outcome = { type: 'finish', outcome: 'resolved' };
          break;
        }
        outcome = { type: 'edge', edge };
        break;
      }
      case 'edge': {
        traceNode(ctx, node, 'edge', outcome.edge.sourceHandle, outcome.edge.id);
        const target = nodeById(ctx.flow, outcome.edge.target);
        if (!target) {
          traceNode(ctx, node, 'error', `edge ${outcome.edge.id} leads to unknown node ${outcome.edge.target}`);
          outcome = { type: 'finish', outcome: 'resolved' };
          break;
        }
        ({ node, outcome } = await enterWithGlobals(ctx, target));
        break;
      }
      case 'call': {
        const called = resolveFlow(ctx, outcome.flowKey);
        if (!called) throw new TurnAborted(node, 'error', `subflow "${outcome.flowKey}" disappeared`);
        ctx.flow = called;
        ({ node, outcome } = await begin(ctx));
        break;
      }
      case 'finish': {
        const frame = ctx.state.stack.pop();
        if (!frame) {
          finishConversation(ctx, outcome.outcome);
          return;
        }
        const caller = resolveFlow(ctx, frame.flowKey);
        const back = caller ? nodeById(caller, frame.nodeId) : undefined;
        if (!caller || !back) {
          traceNode(ctx, node, 'error', `cannot return to ${frame.flowKey}/${frame.nodeId}`);
          finishConversation(ctx, outcome.outcome);
          return;
        }
        ctx.flow = caller;
        // A subflow node continues by `out`; a node interrupted by a global transition is entered again.
        if (back.kind === 'subflow') ({ node, outcome } = { node: back, outcome: { type: 'handle', handle: 'out' } });
        else ({ node, outcome } = await enterWithGlobals(ctx, back));
        break;
      }
    }
  }
}

function finishConversation(ctx: RunContext, outcome: 'resolved' | 'handed_off' | 'abandoned'): void {
  cancelTimer(ctx);
  ctx.state.status = 'ended';
  ctx.state.nodeId = null;
  ctx.state.stack = [];
  ctx.state.outcome = outcome;
  ctx.effects.push({ type: 'end', outcome });
}

/** An input nobody waits for (a stale timer, a message while ended…): the state stays exactly as it was. */
function ignored(ctx: RunContext, previous: ConversationState | null, node: FlowNode, detail: string): StepResult {
  const state = previous ? structuredClone(previous) : initialState(ctx.mainFlow);
  return {
    state,
    replies: [],
    effects: [],
    trace: [...ctx.trace, { flowKey: state.flowKey, nodeId: node.id, kind: node.kind, event: 'wait', detail: `ignored: ${detail}` }],
  };
}

/**
 * The turn is dropped (no half-applied effects): the conversation stays where it waited before this
 * turn, the user gets the fallback reply, and the trace says why (loop guard or a broken flow).
 */
function aborted(ctx: RunContext, previous: ConversationState | null, abort: TurnAborted): StepResult {
  const state = previous ? structuredClone(previous) : initialState(ctx.mainFlow);
  state.turn = ctx.state.turn;
  if (ctx.input.type === 'message') state.lastNlu = ctx.input.nlu;
  const replyCtx: RunContext = { ...ctx, state, replies: [] };
  const fallback = fallbackVariants(ctx);
  say(replyCtx, abort.node, fallback.length > 0 ? fallback : [DEFAULT_FALLBACK[ctx.mainFlow.locale]]);
  return {
    state,
    replies: replyCtx.replies,
    effects: [],
    trace: [...ctx.trace, { flowKey: ctx.flow.key, nodeId: abort.node.id, kind: abort.node.kind, event: abort.event, detail: abort.detail }],
  };
}

const DEFAULT_FALLBACK = {
  'zh-CN': '抱歉，我这边出了点问题，请稍后再试或输入“转人工”。',
  en: 'Sorry, something went wrong on my side. Please try again later or ask for a human agent.',
} as const;
