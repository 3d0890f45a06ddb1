import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type { Flow, FlowEdge, FlowNode, NodeKind } from '@zhishou/flow-schema';
import type { Selection } from './document/actions';
import type { HighlightPath, Size } from './editorStore';
import { NODE_HEIGHT, NODE_WIDTH, handleLayout } from '../canvas/geometry';

/**
 * React Flow's nodes and edges are DERIVED from the flow document (plus view state: selection,
 * measured sizes, problems, the test-chat path); they are never stored. The memoised mapper keeps
 * the same object for an unchanged node so React Flow only re-renders what changed.
 */
export type Severity = 'error' | 'warning';

export interface FlowNodeData extends Record<string, unknown> {
  node: FlowNode;
  problem: Severity | null;
  /** On the path of the last test-chat turn. */
  highlighted: boolean;
  /** Where the test conversation now waits. */
  current: boolean;
}
export type CanvasNode = Node<FlowNodeData, NodeKind>;

export interface GuardEdgeData extends Record<string, unknown> {
  edge: FlowEdge;
  problem: Severity | null;
  highlighted: boolean;
}
export type CanvasEdge = Edge<GuardEdgeData, 'guard'>;

export interface ProblemMarks {
  nodes: ReadonlyMap<string, Severity>;
  edges: ReadonlyMap<string, Severity>;
}
export const NO_MARKS: ProblemMarks = { nodes: new Map(), edges: new Map() };

export interface MappingInput {
  doc: Flow;
  selection: Selection;
  measured: Readonly<Record<string, Size>>;
  marks: ProblemMarks;
  highlight: HighlightPath;
}

export const TARGET_HANDLE = 'in';
const ORIGIN = { x: 0, y: 0 };
const FIXED_SIZE: Size = { width: NODE_WIDTH, height: NODE_HEIGHT };

const POSITIONS = { top: Position.Top, bottom: Position.Bottom } as const;
/** Handle boxes per kind, computed once (cards have a fixed size, see canvas/geometry.ts). */
const HANDLES = new Map<NodeKind, NodeHandle[]>();
function handlesOf(kind: NodeKind): NodeHandle[] {
  let handles = HANDLES.get(kind);
  if (!handles) {
    handles = handleLayout(kind).map((h) => ({ ...h, position: POSITIONS[h.position] }));
    HANDLES.set(kind, handles);
  }
  return handles;
}

export function toCanvasNode(node: FlowNode, selected: boolean, size: Size | undefined, problem: Severity | null, highlighted: boolean, current: boolean): CanvasNode {
  return {
    id: node.id,
    type: node.kind,
    position: node.position ?? ORIGIN,
    data: { node, problem, highlighted, current },
    selected,
    deletable: node.kind !== 'start',
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    handles: handlesOf(node.kind),
    // Known before the DOM measures it (fixed-size cards), so fit view and culling see every node.
    measured: size ?? FIXED_SIZE,
  };
}

export function toCanvasEdge(edge: FlowEdge, selected: boolean, problem: Severity | null, highlighted: boolean): CanvasEdge {
  return {
    id: edge.id,
    type: 'guard',
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle,
    targetHandle: TARGET_HANDLE,
    data: { edge, problem, highlighted },
    selected,
    animated: highlighted,
  };
}

interface Cached<I extends readonly unknown[], O> {
  inputs: I;
  output: O;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

/** Not memoised: the reference mapping (tests and one-off use). */
export function documentToReactFlow(input: MappingInput): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  return createReactFlowMapper()(input);
}

export function createReactFlowMapper(): (input: MappingInput) => { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  let nodeCache = new Map<string, Cached<readonly unknown[], CanvasNode>>();
  let edgeCache = new Map<string, Cached<readonly unknown[], CanvasEdge>>();

  return ({ doc, selection, measured, marks, highlight }) => {
    const selectedNodes = new Set(selection.nodes);
    const selectedEdges = new Set(selection.edges);
    const pathNodes = new Set(highlight.nodeIds);
    const pathEdges = new Set(highlight.edgeIds);
    const nextNodeCache = new Map<string, Cached<readonly unknown[], CanvasNode>>();
    const nextEdgeCache = new Map<string, Cached<readonly unknown[], CanvasEdge>>();

    const nodes = doc.nodes.map((node) => {
      const inputs = [node, selectedNodes.has(node.id), measured[node.id], marks.nodes.get(node.id) ?? null, pathNodes.has(node.id), highlight.currentNodeId === node.id] as const;
      const cached = nodeCache.get(node.id);
      const output = cached && sameInputs(cached.inputs, inputs) ? cached.output : toCanvasNode(...inputs);
      nextNodeCache.set(node.id, { inputs, output });
      return output;
    });
    const edges = doc.edges.map((edge) => {
      const inputs = [edge, selectedEdges.has(edge.id), marks.edges.get(edge.id) ?? null, pathEdges.has(edge.id)] as const;
      const cached = edgeCache.get(edge.id);
      const output = cached && sameInputs(cached.inputs, inputs) ? cached.output : toCanvasEdge(...inputs);
      nextEdgeCache.set(edge.id, { inputs, output });
      return output;
    });
    nodeCache = nextNodeCache;
    edgeCache = nextEdgeCache;
    return { nodes, edges };
  };
}
