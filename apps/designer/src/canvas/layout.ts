import dagre from '@dagrejs/dagre';
import type { Flow } from '@zhishou/flow-schema';
import type { XY } from '../store/document/actions';
import { NODE_HEIGHT, NODE_WIDTH } from './geometry';

export const DEFAULT_NODE_SIZE = { width: NODE_WIDTH, height: NODE_HEIGHT };

/** Top-to-bottom layered layout (dagre); returns top-left positions for every node. */
export function autoLayout(doc: Pick<Flow, 'nodes' | 'edges'>, sizes: Readonly<Record<string, { width: number; height: number }>> = {}): Record<string, XY> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 70, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of doc.nodes) graph.setNode(node.id, { ...(sizes[node.id] ?? DEFAULT_NODE_SIZE) });
  for (const edge of doc.edges) if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const positions: Record<string, XY> = {};
  for (const node of doc.nodes) {
    const laid = graph.node(node.id);
    const size = sizes[node.id] ?? DEFAULT_NODE_SIZE;
    positions[node.id] = { x: Math.round(laid.x - size.width / 2), y: Math.round(laid.y - size.height / 2) };
  }
  return positions;
}

/** True when a document came without positions (hand-written, like the demo bot) and needs a layout. */
export function needsLayout(doc: Pick<Flow, 'nodes'>): boolean {
  return doc.nodes.some((node) => node.position === undefined);
}

/** Applies a layout to a document that has no positions; documents with positions are left as they are. */
export function withLayout(doc: Flow): Flow {
  if (!needsLayout(doc)) return doc;
  const positions = autoLayout(doc);
  return { ...doc, nodes: doc.nodes.map((node) => ({ ...node, position: positions[node.id] ?? { x: 0, y: 0 } })) };
}
