import type { TraceEntry } from '@zhishou/flow-schema';

/** What the canvas highlights after a test-chat turn: the nodes and edges the turn went through. */
export interface TurnPath {
  /** Node ids in the order the turn entered them (a node entered twice appears twice). */
  nodeIds: string[];
  /** Edge ids the turn took, in order. */
  edgeIds: string[];
  /** Where the conversation now waits, or null when it ended. */
  currentNodeId: string | null;
}

export const EMPTY_PATH: TurnPath = { nodeIds: [], edgeIds: [], currentNodeId: null };

/**
 * Reads the engine trace of one turn. Only entries of `flowKey` count: a subflow's nodes are not on
 * this canvas, so highlighting them would point at ids that mean something else here.
 */
export function pathFromTrace(trace: readonly TraceEntry[], flowKey: string, currentNodeId: string | null): TurnPath {
  const nodeIds: string[] = [];
  const edgeIds: string[] = [];
  for (const entry of trace) {
    if (entry.flowKey !== flowKey) continue;
    if (entry.event === 'enter' && nodeIds[nodeIds.length - 1] !== entry.nodeId) nodeIds.push(entry.nodeId);
    if ((entry.event === 'edge' || entry.event === 'global') && entry.edgeId) edgeIds.push(entry.edgeId);
  }
  return { nodeIds, edgeIds, currentNodeId };
}
