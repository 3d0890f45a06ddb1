import { describe, expect, it } from 'vitest';
import { parseFlow, type Flow } from '@zhishou/flow-schema';
import { EDITOR_VIEWPORT, elkLayout, fitZoom, layeredPositions, toElkGraph } from './elkLayout';
import { NODE_HEIGHT, NODE_WIDTH } from './geometry';
import type { XY } from '../store/document/actions';

function flow(nodes: Array<{ id: string; kind: string; config?: Record<string, unknown> }>, edges: Array<[string, string, string?]>): Flow {
  const parsed = parseFlow({
    schemaVersion: 1,
    key: 'main',
    name: 'm',
    nodes: nodes.map((n) => ({ config: n.kind === 'message' ? { variants: ['x'] } : {}, ...n })),
    edges: edges.map(([source, target, handle], i) => ({ id: `e${i}`, source, target, ...(handle ? { sourceHandle: handle } : {}) })),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.flow;
}

const overlaps = (positions: Record<string, XY>) => {
  const all = Object.entries(positions);
  return all.flatMap(([a, p], i) => all.slice(i + 1).filter(([, q]) => Math.abs(p.x - q.x) < NODE_WIDTH && Math.abs(p.y - q.y) < NODE_HEIGHT).map(([b]) => `${a}/${b}`));
};

// A menu that fans out to many answers, each looping back: the shape of the demo's main flow.
const answers = Array.from({ length: 16 }, (_, i) => `answer_${i}`);
const hub = flow(
  [{ id: 'start', kind: 'start' }, { id: 'menu', kind: 'listen', config: { prompt: ['?'] } }, ...answers.map((id) => ({ id, kind: 'message' }))],
  [['start', 'menu'], ...answers.map((id): [string, string] => ['menu', id]), ...answers.map((id): [string, string] => [id, 'menu'])],
);

describe('ELK layout', () => {
  it('gives each exit its own port in handle order, and skips edges to unknown nodes', () => {
    const graph = toElkGraph(flow([{ id: 'start', kind: 'start' }, { id: 'c', kind: 'condition', config: { condition: { all: [] } } }], [['start', 'c'], ['c', 'ghost']]));
    const c = graph.children?.find((n) => n.id === 'c');
    expect(c?.ports?.map((p) => p.id)).toEqual(['c.in', 'c.true', 'c.false']);
    expect((c?.ports?.[1]?.x ?? 0) < (c?.ports?.[2]?.x ?? 0)).toBe(true);
    expect(graph.edges?.map((e) => [e.sources, e.targets])).toEqual([[['start.out'], ['c.in']]]);
  });

  it('lays a condition out top to bottom with 是 left of 否 and no overlaps', async () => {
    const positions = await elkLayout(
      flow(
        [{ id: 'start', kind: 'start' }, { id: 'c', kind: 'condition', config: { condition: { all: [] } } }, { id: 'no', kind: 'message' }, { id: 'yes', kind: 'message' }],
        [['start', 'c'], ['c', 'no', 'false'], ['c', 'yes', 'true']],
      ),
    );
    expect(positions.start!.y).toBeLessThan(positions.c!.y);
    expect(positions.c!.y).toBeLessThan(positions.yes!.y);
    expect(positions.yes!.x).toBeLessThan(positions.no!.x);
    expect(overlaps(positions)).toEqual([]);
  });

  it('wraps a wide fan-out so the flow fits the editor at a larger zoom, without overlaps', async () => {
    const positions = await elkLayout(hub);
    expect(overlaps(positions)).toEqual([]);
    const oneRowPerLayer = await layeredPositions(hub);
    expect(fitZoom(positions, EDITOR_VIEWPORT)).toBeGreaterThan(fitZoom(oneRowPerLayer, EDITOR_VIEWPORT) * 1.5);
    expect(positions.start!.y).toBeLessThan(positions.menu!.y);
    expect(Math.min(...answers.map((id) => positions[id]!.y))).toBeGreaterThan(positions.menu!.y);
  });
});
