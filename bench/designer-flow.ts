import type { FlowInput } from '@zhishou/flow-schema';

/**
 * A large, valid flow for the designer benchmark: a start node, then rows of message → condition →
 * (two messages) blocks laid out on a grid, every block chained to the next, ending in an end node.
 */
export function generateFlow(nodeCount: number, key = `bench_${nodeCount}`): FlowInput {
  const nodes: FlowInput['nodes'] = [];
  const edges: NonNullable<FlowInput['edges']> = [];
  const columns = Math.max(1, Math.ceil(Math.sqrt(nodeCount * 2)));
  const at = (i: number) => ({ x: (i % columns) * 260, y: Math.floor(i / columns) * 160 });
  nodes.push({ id: 'start', kind: 'start', config: {}, position: at(0) });
  let previous = 'start';
  let previousHandle = 'out';
  let edge = 0;
  const link = (source: string, target: string, sourceHandle = 'out') => edges.push({ id: `e${++edge}`, source, target, sourceHandle });
  while (nodes.length < nodeCount - 1) {
    const i = nodes.length;
    const remaining = nodeCount - 1 - i;
    if (remaining >= 4) {
      const [ask, cond, yes, no] = [`msg_${i}`, `cond_${i + 1}`, `yes_${i + 2}`, `no_${i + 3}`];
      nodes.push({ id: ask, kind: 'message', name: `介绍 ${i}`, config: { variants: [`第 ${i} 步：这件宝贝九成新，包邮哦～`] }, position: at(i) });
      nodes.push({
        id: cond,
        kind: 'condition',
        name: `价格判断 ${i + 1}`,
        config: { condition: { all: [{ fact: 'vars', path: '$.offer', operator: 'greaterThanInclusive', value: 100 }] } },
        position: at(i + 1),
      });
      nodes.push({ id: yes, kind: 'message', name: `成交 ${i + 2}`, config: { variants: ['可以，这个价成交！'] }, position: at(i + 2) });
      nodes.push({ id: no, kind: 'message', name: `还价 ${i + 3}`, config: { variants: ['这个价太低啦，再加一点？'] }, position: at(i + 3) });
      link(previous, ask, previousHandle);
      link(ask, cond);
      link(cond, yes, 'true');
      link(cond, no, 'false');
      link(no, yes);
      previous = yes;
      previousHandle = 'out';
    } else {
      const id = `msg_${i}`;
      nodes.push({ id, kind: 'message', config: { variants: [`收尾 ${i}`] }, position: at(i) });
      link(previous, id, previousHandle);
      previous = id;
    }
  }
  nodes.push({ id: 'end', kind: 'end', config: { outcome: 'resolved' }, position: at(nodes.length) });
  link(previous, 'end');
  return { schemaVersion: 1, key, name: `Benchmark ${nodeCount} nodes`, nodes, edges, variables: [{ key: 'offer', default: 0 }] };
}
