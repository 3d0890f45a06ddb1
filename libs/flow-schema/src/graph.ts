import type { Flow, FlowEdge, FlowNode, GlobalTransition } from './flow';
import { WAITING_KINDS } from './flow';

/**
 * Small pure graph helpers over a flow document, shared by validation, the engine and the designer.
 */

export function nodeById(flow: Pick<Flow, 'nodes'>, id: string): FlowNode | undefined {
  return flow.nodes.find((node) => node.id === id);
}

export function startNodes(flow: Pick<Flow, 'nodes'>): FlowNode[] {
  return flow.nodes.filter((node) => node.kind === 'start');
}

/** Edges leaving `nodeId`, optionally only those on one handle. */
export function outgoingEdges(flow: Pick<Flow, 'edges'>, nodeId: string, handle?: string): FlowEdge[] {
  return flow.edges.filter((edge) => edge.source === nodeId && (handle === undefined || edge.sourceHandle === handle));
}

/**
 * Edges of one handle in the order the engine tries them: guarded edges by priority (highest first,
 * document order breaks ties), `default` guards last.
 */
export function edgesInGuardOrder(flow: Pick<Flow, 'edges'>, nodeId: string, handle: string): FlowEdge[] {
  const edges = outgoingEdges(flow, nodeId, handle);
  const guarded = edges.filter((edge) => edge.guard.type !== 'default');
  const defaults = edges.filter((edge) => edge.guard.type === 'default');
  const byPriority = (a: FlowEdge, b: FlowEdge) => b.priority - a.priority;
  return [...stableSort(guarded, byPriority), ...stableSort(defaults, byPriority)];
}

export function globalTransitionsInOrder(transitions: readonly GlobalTransition[]): GlobalTransition[] {
  return stableSort([...transitions], (a, b) => b.priority - a.priority);
}

function stableSort<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => compare(a.item, b.item) || a.index - b.index)
    .map(({ item }) => item);
}

/** Adjacency list over edges whose both ends exist. */
export function adjacency(flow: Pick<Flow, 'nodes' | 'edges'>): Map<string, string[]> {
  const ids = new Set(flow.nodes.map((node) => node.id));
  const next = new Map<string, string[]>();
  for (const id of ids) next.set(id, []);
  for (const edge of flow.edges) {
    if (ids.has(edge.source) && ids.has(edge.target)) next.get(edge.source)?.push(edge.target);
  }
  return next;
}

/** Node ids reachable from `roots` (roots included when they exist). */
export function reachableFrom(flow: Pick<Flow, 'nodes' | 'edges'>, roots: readonly string[]): Set<string> {
  const next = adjacency(flow);
  const seen = new Set<string>();
  const queue = roots.filter((root) => next.has(root));
  for (const root of queue) seen.add(root);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const target of next.get(id) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

/** Strongly connected components (Tarjan, iterative so deep flows cannot overflow the stack). */
export function stronglyConnectedComponents(flow: Pick<Flow, 'nodes' | 'edges'>): string[][] {
  const next = adjacency(flow);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of next.keys()) {
    if (index.has(root)) continue;
    const work: { id: string; child: number }[] = [{ id: root, child: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; child: number };
      const targets = next.get(frame.id) ?? [];
      if (frame.child < targets.length) {
        const target = targets[frame.child++] as string;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, child: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component);
      }
    }
  }
  return components;
}

/** Kinds that may stop a turn: the waiting kinds, plus subflow (its flow may wait). */
function mayWait(node: FlowNode): boolean {
  return (WAITING_KINDS as readonly string[]).includes(node.kind) || node.kind === 'subflow';
}

/**
 * Cycles a single turn could run forever: components with a loop (several nodes, or a self-edge) in
 * which no node waits for anything. The engine's loop guard would stop them; validation refuses them.
 */
export function cyclesWithoutWait(flow: Pick<Flow, 'nodes' | 'edges'>): string[][] {
  const byId = new Map(flow.nodes.map((node) => [node.id, node]));
  const selfLoops = new Set(flow.edges.filter((edge) => edge.source === edge.target).map((edge) => edge.source));
  return stronglyConnectedComponents(flow).filter((component) => {
    const isCycle = component.length > 1 || selfLoops.has(component[0] as string);
    return isCycle && !component.some((id) => { const node = byId.get(id); return node ? mayWait(node) : false; });
  });
}
