import type { FlowEdge, NodeKind, NodeOfKind, TurnInput } from '@zhishou/flow-schema';
import type { RunContext } from '../context';

/** What a handler tells the step loop to do next. */
export type Outcome =
  /** Leave by the edges of this handle (guards choose). */
  | { type: 'handle'; handle: string }
  /** Leave by an edge the handler already chose (listen). */
  | { type: 'edge'; edge: FlowEdge }
  /** Stop the turn here. */
  | { type: 'wait'; status: 'waiting_input' | 'waiting_timer' | 'handed_off'; detail?: string }
  /** Continue at the start of another flow (the caller frame is already pushed). */
  | { type: 'call'; flowKey: string }
  /** The current flow ends: return to the caller, or end the conversation. */
  | { type: 'finish'; outcome: 'resolved' | 'handed_off' | 'abandoned' }
  /** The input is not for this node: leave the state as it was. */
  | { type: 'ignore'; detail: string };

export interface NodeHandler<K extends NodeKind> {
  /** Ask and listen consume messages: global transitions are checked before they do. */
  readonly consumesMessages?: boolean;
  /** The node is entered (by an edge, a call or a return). */
  enter(node: NodeOfKind<K>, ctx: RunContext): Promise<Outcome>;
  /** The conversation waits at this node and `input` arrives. */
  resume?(node: NodeOfKind<K>, ctx: RunContext, input: TurnInput): Promise<Outcome>;
}
