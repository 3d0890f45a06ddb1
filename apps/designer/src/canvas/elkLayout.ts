import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import { NODE_HANDLES, type Flow } from '@zhishou/flow-schema';
import type { XY } from '../store/document/actions';
import { NODE_HEIGHT, NODE_WIDTH, sourceHandleFraction } from './geometry';

/**
 * ELK "layered" settings for a flow: top to bottom, each node's exits as fixed ports along its bottom
 * edge in handle order (so 是/否 and 下一步/失败 branches do not cross), model order kept where it does
 * not cost crossings, loops back to a menu broken depth-first from the start node.
 */
export const ELK_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.spacing.nodeNode': '36',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.spacing.componentComponent': '60',
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.wrapping.strategy': 'OFF',
  'elk.padding': '[top=20,left=20,bottom=20,right=20]',
};

const TARGET_PORT = 'in';

/** The ELK graph of a flow: fixed-size nodes with one port per handle. */
export function toElkGraph(doc: Pick<Flow, 'nodes' | 'edges'>, options: LayoutOptions = ELK_OPTIONS): ElkNode {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const handlesOf = new Map(doc.nodes.map((n) => [n.id, NODE_HANDLES[n.kind] as readonly string[]]));
  const children: ElkNode[] = doc.nodes.map((node) => {
    const handles = handlesOf.get(node.id) ?? [];
    return {
      id: node.id,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [
        ...(node.kind === 'start' ? [] : [{ id: `${node.id}.${TARGET_PORT}`, x: NODE_WIDTH / 2, y: 0, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'NORTH' } }]),
        ...handles.map((handle, i) => ({
          id: `${node.id}.${handle}`,
          x: sourceHandleFraction(i, handles.length) * NODE_WIDTH,
          y: NODE_HEIGHT,
          width: 1,
          height: 1,
          layoutOptions: { 'elk.port.side': 'SOUTH' },
        })),
      ],
    };
  });
  const edges: ElkExtendedEdge[] = doc.edges
    .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
    .map((edge) => {
      const handles = handlesOf.get(edge.source) ?? [];
      const handle = handles.includes(edge.sourceHandle) ? edge.sourceHandle : (handles[0] ?? 'out');
      const targetIsStart = doc.nodes.find((n) => n.id === edge.target)?.kind === 'start';
      return { id: edge.id, sources: [`${edge.source}.${handle}`], targets: [targetIsStart ? edge.target : `${edge.target}.${TARGET_PORT}`] };
    });
  return { id: 'root', layoutOptions: options, children, edges };
}

export function positionsOf(laid: ElkNode): Record<string, XY> {
  return Object.fromEntries((laid.children ?? []).map((n) => [n.id, { x: Math.round(n.x ?? 0), y: Math.round(n.y ?? 0) }]));
}

/**
 * Lays a flow out with ELK layered, then wraps wide layers to suit the viewport's shape. ELK (≈1.4 MB)
 * loads only when someone asks for a layout, so it stays out of the editor's first load.
 */
export async function elkLayout(doc: Pick<Flow, 'nodes' | 'edges'>, viewport = EDITOR_VIEWPORT): Promise<Record<string, XY>> {
  return bestWrap(await layeredPositions(doc), viewport);
}

/** ELK layered as it is, one row per layer. */
export async function layeredPositions(doc: Pick<Flow, 'nodes' | 'edges'>): Promise<Record<string, XY>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  return positionsOf(await new ELK().layout(toElkGraph(doc)));
}

const ROW_GAP = 24;
const COLUMN_GAP = 24;
const LAYER_GAP = 56;

/**
 * ELK keeps a layer on one row, so a menu that fans out to twenty answers makes a layout many screens
 * wide that fit view shrinks to illegible. This wraps every layer into rows of at most `perRow` nodes,
 * in ELK's order (which already minimises crossings), each row centred on one axis, later layers moved
 * down; rows of one layer sit closer together than layers do.
 */
export function wrapLayers(positions: Readonly<Record<string, XY>>, perRow: number): Record<string, XY> {
  const layers = new Map<number, Array<[string, XY]>>();
  for (const entry of Object.entries(positions)) layers.set(entry[1].y, [...(layers.get(entry[1].y) ?? []), entry]);
  const all = Object.values(positions);
  const centre = (Math.min(...all.map((p) => p.x)) + Math.max(...all.map((p) => p.x)) + NODE_WIDTH) / 2;
  const out: Record<string, XY> = {};
  let y = Math.min(...all.map((p) => p.y));
  for (const [, nodes] of [...layers].sort((a, b) => a[0] - b[0])) {
    nodes.sort((a, b) => a[1].x - b[1].x);
    for (let row = 0; row * perRow < nodes.length; row++) {
      const chunk = nodes.slice(row * perRow, (row + 1) * perRow);
      const width = chunk.length * NODE_WIDTH + (chunk.length - 1) * COLUMN_GAP;
      chunk.forEach(([id], i) => (out[id] = { x: Math.round(centre - width / 2 + i * (NODE_WIDTH + COLUMN_GAP)), y }));
      y += NODE_HEIGHT + ((row + 1) * perRow < nodes.length ? ROW_GAP : LAYER_GAP);
    }
  }
  return out;
}

function extent(positions: Readonly<Record<string, XY>>): { width: number; height: number } {
  const all = Object.values(positions);
  if (all.length === 0) return { width: 0, height: 0 };
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  return { width: Math.max(...xs) - Math.min(...xs) + NODE_WIDTH, height: Math.max(...ys) - Math.min(...ys) + NODE_HEIGHT };
}

/** The zoom at which positions fit a viewport of the given size (what fit view would pick, ignoring padding). */
export function fitZoom(positions: Readonly<Record<string, XY>>, viewport: { width: number; height: number }): number {
  const { width, height } = extent(positions);
  return width === 0 ? 1 : Math.min(viewport.width / width, viewport.height / height);
}

/** The wrapping that lets the flow fit the viewport at the largest zoom. */
export function bestWrap(positions: Readonly<Record<string, XY>>, viewport: { width: number; height: number }): Record<string, XY> {
  let best: Record<string, XY> = { ...positions };
  let bestZoom = fitZoom(best, viewport);
  const widest = Math.max(0, ...[...new Set(Object.values(positions).map((p) => p.y))].map((y) => Object.values(positions).filter((p) => p.y === y).length));
  for (let perRow = 2; perRow < widest; perRow++) {
    const wrapped = wrapLayers(positions, perRow);
    const zoom = fitZoom(wrapped, viewport);
    if (zoom > bestZoom) [best, bestZoom] = [wrapped, zoom];
  }
  return best;
}

/** The canvas of the editor at 1440 × 900 less palette, side panel and toolbars: the shape fit view fills. */
export const EDITOR_VIEWPORT = { width: 860, height: 600 };
