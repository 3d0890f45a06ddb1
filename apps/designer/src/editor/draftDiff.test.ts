import { describe, expect, it } from 'vitest';
import { parseFlow, type Flow } from '@zhishou/flow-schema';
import { diffDraft, diffMarks, isEmptyDiff } from './draftDiff';

function flow(nodes: Array<{ id: string; text: string; x?: number }>, extra: Record<string, unknown> = {}): Flow {
  const parsed = parseFlow({
    schemaVersion: 1,
    key: 'main',
    name: 'm',
    nodes: [{ id: 'start', kind: 'start', config: {} }, ...nodes.map((n) => ({ id: n.id, kind: 'message', config: { variants: [n.text] }, position: { x: n.x ?? 0, y: 0 } }))],
    edges: nodes.map((n, i) => ({ id: `e${i}`, source: i === 0 ? 'start' : nodes[i - 1]!.id, target: n.id })),
    ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.flow;
}

describe('diffDraft', () => {
  it('lists added, changed and removed nodes; moving a node is no change', () => {
    const live = flow([{ id: 'a', text: '你好' }, { id: 'b', text: '再见' }, { id: 'c', text: '旧' }]);
    const draft = flow([{ id: 'a', text: '您好', x: 0 }, { id: 'b', text: '再见', x: 300 }, { id: 'd', text: '新' }]);
    const diff = diffDraft(live, draft);
    expect(diff.nodes).toEqual({ added: ['d'], removed: ['c'], changed: ['a'] });
    expect(diff.edges).toEqual({ added: [], removed: [], changed: ['e2'] });
    expect(diff.other).toEqual([]);
    expect(diffMarks(diff)).toEqual({ d: 'added', a: 'changed' });
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it('names other parts that changed, and an identical draft is empty whatever the key order', () => {
    const live = flow([{ id: 'a', text: '你好' }]);
    expect(isEmptyDiff(diffDraft(live, flow([{ id: 'a', text: '你好', x: 99 }])))).toBe(true);
    const renamed = diffDraft(live, flow([{ id: 'a', text: '你好' }], { name: 'n', slots: [{ key: 'order_id', type: 'order_id' }] }));
    expect(renamed.other).toEqual(['name', 'slots']);
    expect(isEmptyDiff(renamed)).toBe(false);
  });
});
