import type {
  Flow,
  FlowEdge,
  FlowNode,
  FlowSettings,
  Guard,
  NodeKind,
  NodeOfKind,
  SlotDeclaration,
  VariableDeclaration,
} from '@zhishou/flow-schema';
import { NODE_HANDLES } from '@zhishou/flow-schema';
import { NODE_DEFAULTS } from '../../nodes/defaults';
import { nextId } from './ids';

/**
 * Edits of the flow document as small pure functions: `(doc, …args) → doc`. They never mutate the
 * input and return the same object when nothing changed, so the store can skip history entries.
 */
export interface XY {
  x: number;
  y: number;
}

export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

const nodeIds = (doc: Flow) => new Set(doc.nodes.map((n) => n.id));
const edgeIds = (doc: Flow) => new Set(doc.edges.map((e) => e.id));

export function makeNode<K extends NodeKind>(kind: K, id: string, position: XY): NodeOfKind<K> {
  // The correlated kind/config pair cannot be expressed to TS without this one assertion.
  return { id, kind, position: roundXY(position), config: NODE_DEFAULTS[kind]() } as unknown as NodeOfKind<K>;
}

function roundXY({ x, y }: XY): XY {
  return { x: Math.round(x), y: Math.round(y) };
}

export function addNode(doc: Flow, kind: NodeKind, position: XY): { doc: Flow; id: string } {
  const id = nextId(kind, nodeIds(doc));
  const node = makeNode(kind, id, position);
  // A new ask node fills a slot that exists: the flow's first declared one, or a new text slot it declares.
  if (node.kind === 'ask') {
    const first = doc.slots[0];
    if (first) return { doc: { ...doc, nodes: [...doc.nodes, { ...node, config: { ...node.config, slot: first.key } }] }, id };
    if (!doc.slots.some((slot) => slot.key === node.config.slot)) {
      return { doc: { ...doc, slots: [...doc.slots, { key: node.config.slot, type: 'text' }], nodes: [...doc.nodes, node] }, id };
    }
  }
  return { doc: { ...doc, nodes: [...doc.nodes, node] }, id };
}

export function moveNodes(doc: Flow, positions: Readonly<Record<string, XY>>): Flow {
  let changed = false;
  const nodes = doc.nodes.map((node) => {
    const to = positions[node.id];
    if (!to) return node;
    const rounded = roundXY(to);
    if (node.position && node.position.x === rounded.x && node.position.y === rounded.y) return node;
    changed = true;
    return { ...node, position: rounded };
  });
  return changed ? { ...doc, nodes } : doc;
}

export type NodePatch = { name?: string; description?: string };

export function updateNodeMeta(doc: Flow, id: string, patch: NodePatch): Flow {
  return mapNode(doc, id, (node) => ({ ...node, ...patch }));
}

/** Replaces a node's config; the caller has validated it against the kind's schema. */
export function updateNodeConfig<K extends NodeKind>(doc: Flow, id: string, kind: K, config: NodeOfKind<K>['config']): Flow {
  return mapNode(doc, id, (node) => (node.kind === kind ? ({ ...node, config } as FlowNode) : node));
}

function mapNode(doc: Flow, id: string, update: (node: FlowNode) => FlowNode): Flow {
  let changed = false;
  const nodes = doc.nodes.map((node) => {
    if (node.id !== id) return node;
    const next = update(node);
    changed = next !== node;
    return next;
  });
  return changed ? { ...doc, nodes } : doc;
}

export interface Connection {
  source: string;
  sourceHandle?: string | null;
  target: string;
}

/** Why a connection is refused (i18n key suffix), or null when it may be made. */
export function connectionProblem(doc: Flow, connection: Connection): 'unknown_node' | 'into_start' | 'bad_handle' | null {
  const source = doc.nodes.find((n) => n.id === connection.source);
  const target = doc.nodes.find((n) => n.id === connection.target);
  if (!source || !target) return 'unknown_node';
  if (target.kind === 'start') return 'into_start';
  const handles: readonly string[] = NODE_HANDLES[source.kind];
  if (!handles.includes(connection.sourceHandle ?? 'out')) return 'bad_handle';
  return null;
}

/**
 * Connects two nodes with a new edge. Its guard is `default`, unless the handle already has a
 * default edge — then it starts as an intent guard to fill in, so the flow stays unambiguous.
 */
export function connect(doc: Flow, connection: Connection): { doc: Flow; id: string | null } {
  if (connectionProblem(doc, connection) !== null) return { doc, id: null };
  const sourceHandle = connection.sourceHandle ?? 'out';
  const hasDefault = doc.edges.some((e) => e.source === connection.source && e.sourceHandle === sourceHandle && e.guard.type === 'default');
  const guard: Guard = hasDefault ? { type: 'intent', intents: ['intent'] } : { type: 'default' };
  const id = nextId('e', edgeIds(doc));
  const edge: FlowEdge = { id, source: connection.source, target: connection.target, sourceHandle, guard, priority: 0 };
  return { doc: { ...doc, edges: [...doc.edges, edge] }, id };
}

export type EdgePatch = Partial<Pick<FlowEdge, 'guard' | 'priority' | 'label' | 'target' | 'source' | 'sourceHandle'>>;

export function updateEdge(doc: Flow, id: string, patch: EdgePatch): Flow {
  let changed = false;
  const edges = doc.edges.map((edge) => {
    if (edge.id !== id) return edge;
    changed = true;
    return { ...edge, ...patch };
  });
  return changed ? { ...doc, edges } : doc;
}

/** Deletes the selected nodes (never the start node) with their edges, and the selected edges. */
export function deleteSelection(doc: Flow, selection: Selection): Flow {
  const doomedNodes = new Set(selection.nodes.filter((id) => doc.nodes.some((n) => n.id === id && n.kind !== 'start')));
  const doomedEdges = new Set(selection.edges);
  const nodes = doc.nodes.filter((n) => !doomedNodes.has(n.id));
  const edges = doc.edges.filter((e) => !doomedEdges.has(e.id) && !doomedNodes.has(e.source) && !doomedNodes.has(e.target));
  if (nodes.length === doc.nodes.length && edges.length === doc.edges.length) return doc;
  const globalTransitions = doc.settings.globalTransitions.filter((g) => !('node' in g.target) || !doomedNodes.has(g.target.node));
  return { ...doc, nodes, edges, settings: { ...doc.settings, globalTransitions } };
}

export interface Clipboard {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** Copies the selected nodes and the edges between them (edges to outside nodes would dangle). */
export function copySelection(doc: Flow, selection: Selection): Clipboard {
  const ids = new Set(selection.nodes);
  const nodes = doc.nodes.filter((n) => ids.has(n.id) && n.kind !== 'start');
  const kept = new Set(nodes.map((n) => n.id));
  return { nodes, edges: doc.edges.filter((e) => kept.has(e.source) && kept.has(e.target)) };
}

/** Pastes with fresh ids, shifted by `offset`; returns the new ids to select. */
export function paste(doc: Flow, clipboard: Clipboard, offset: XY): { doc: Flow; selection: Selection } {
  const takenNodes = nodeIds(doc);
  const takenEdges = edgeIds(doc);
  const renamed = new Map<string, string>();
  const nodes = clipboard.nodes.map((node) => {
    const id = nextId(node.kind, takenNodes);
    takenNodes.add(id);
    renamed.set(node.id, id);
    const at = node.position ?? { x: 0, y: 0 };
    return { ...node, id, position: roundXY({ x: at.x + offset.x, y: at.y + offset.y }) };
  });
  const edges = clipboard.edges.flatMap((edge) => {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (!source || !target) return [];
    const id = nextId('e', takenEdges);
    takenEdges.add(id);
    return [{ ...edge, id, source, target }];
  });
  if (nodes.length === 0) return { doc, selection: EMPTY_SELECTION };
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] },
    selection: { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) },
  };
}

export function setSettings(doc: Flow, settings: FlowSettings): Flow {
  return { ...doc, settings };
}

export function setFlowMeta(doc: Flow, patch: { name?: string; description?: string }): Flow {
  return { ...doc, ...patch };
}

/** Adds or replaces (by `previousKey`) a slot declaration. */
export function upsertSlot(doc: Flow, slot: SlotDeclaration, previousKey?: string): Flow {
  const key = previousKey ?? slot.key;
  const exists = doc.slots.some((s) => s.key === key);
  return { ...doc, slots: exists ? doc.slots.map((s) => (s.key === key ? slot : s)) : [...doc.slots, slot] };
}

export function removeSlot(doc: Flow, key: string): Flow {
  return { ...doc, slots: doc.slots.filter((s) => s.key !== key) };
}

export function upsertVariable(doc: Flow, variable: VariableDeclaration, previousKey?: string): Flow {
  const key = previousKey ?? variable.key;
  const exists = doc.variables.some((v) => v.key === key);
  return { ...doc, variables: exists ? doc.variables.map((v) => (v.key === key ? variable : v)) : [...doc.variables, variable] };
}

export function removeVariable(doc: Flow, key: string): Flow {
  return { ...doc, variables: doc.variables.filter((v) => v.key !== key) };
}

/** Replaces both declaration lists at once (the slots & variables editor edits them as a form). */
export function setDeclarations(doc: Flow, slots: SlotDeclaration[], variables: VariableDeclaration[]): Flow {
  return { ...doc, slots, variables };
}
