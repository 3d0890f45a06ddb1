import { describe, expect, it } from 'vitest';
import type { FlowInput } from './flow';
import { flowSchema } from './flow';
import { cyclesWithoutWait, edgesInGuardOrder, reachableFrom, stronglyConnectedComponents } from './graph';
import type { ValidationCode } from './validation';
import { VALIDATION_CODE_LIST, validateFlow } from './validation';

// flow-schema may not depend on @zhishou/testing (it sits below it), so a minimal local builder.
type NodeInput = FlowInput['nodes'][number];
type EdgeInput = NonNullable<FlowInput['edges']>[number];
function flow(nodes: NodeInput[], edges: EdgeInput[], extra: Partial<FlowInput> = {}) {
  return flowSchema.parse({ schemaVersion: 1, key: 'test', name: 'Test', nodes, edges, ...extra });
}
const start: NodeInput = { id: 'start', kind: 'start', config: {} };
const end = (id = 'end'): NodeInput => ({ id, kind: 'end', config: {} });
const message = (id: string, text = '你好'): NodeInput => ({ id, kind: 'message', config: { variants: [text] } });
const listen = (id: string): NodeInput => ({ id, kind: 'listen', config: {} });
const edge = (id: string, source: string, target: string, more: Partial<EdgeInput> = {}): EdgeInput => ({ id, source, target, ...more });

const codes = (issues: { code: ValidationCode }[]) => issues.map((found) => found.code).sort();

describe('graph helpers', () => {
  const graph = flow(
    [start, message('a'), message('b'), listen('c'), end()],
    [edge('e1', 'start', 'a'), edge('e2', 'a', 'b'), edge('e3', 'b', 'a'), edge('e4', 'c', 'end'), edge('e5', 'c', 'a', { guard: { type: 'intent', intents: ['x'] }, priority: 1 }), edge('e6', 'c', 'b', { guard: { type: 'intent', intents: ['y'] }, priority: 5 })],
  );

  it('finds what is reachable from start', () => {
    expect([...reachableFrom(graph, ['start'])].sort()).toEqual(['a', 'b', 'start']);
  });

  it('groups nodes into strongly connected components', () => {
    const components = stronglyConnectedComponents(graph).map((component) => [...component].sort());
    expect(components).toContainEqual(['a', 'b']);
    expect(components).toContainEqual(['c']);
  });

  it('orders edges of a handle by priority with default guards last', () => {
    expect(edgesInGuardOrder(graph, 'c', 'out').map((found) => found.id)).toEqual(['e6', 'e5', 'e4']);
  });

  it('reports a cycle only when no node in it waits', () => {
    expect(cyclesWithoutWait(graph).map((component) => [...component].sort())).toEqual([['a', 'b']]);
    const waiting = flow([start, message('a'), listen('b')], [edge('e1', 'start', 'a'), edge('e2', 'a', 'b'), edge('e3', 'b', 'a')]);
    expect(cyclesWithoutWait(waiting)).toEqual([]);
    const selfLoop = flow([start, message('a')], [edge('e1', 'start', 'a'), edge('e2', 'a', 'a')]);
    expect(cyclesWithoutWait(selfLoop)).toEqual([['a']]);
  });
});

describe('validateFlow', () => {
  it('accepts a small well-formed flow', () => {
    const good = flow(
      [start, message('hi', '你好{{slots.name}}'), { id: 'ask', kind: 'ask', config: { slot: 'name', prompt: ['怎么称呼？'] } }, end()],
      [edge('e1', 'start', 'ask'), edge('e2', 'ask', 'hi'), edge('e3', 'ask', 'end', { sourceHandle: 'fail' }), edge('e4', 'hi', 'end')],
      { slots: [{ key: 'name', type: 'text' }] },
    );
    expect(validateFlow(good)).toEqual([]);
  });

  it('reports a missing start and several starts', () => {
    expect(codes(validateFlow(flow([end()], [])))).toEqual(['no_start']);
    const twice = validateFlow(flow([start, { id: 'start2', kind: 'start', config: {} }, end()], [edge('e1', 'start', 'end'), edge('e2', 'start2', 'end')]));
    expect(twice).toContainEqual(expect.objectContaining({ code: 'multiple_starts', nodeId: 'start2', severity: 'error', messageKey: 'validation.multiple_starts' }));
  });

  it('reports duplicate ids, dangling edges and handles the source kind does not have', () => {
    const issues = validateFlow(
      flow(
        [start, message('a'), message('a'), end()],
        [edge('e1', 'start', 'a'), edge('e1', 'a', 'end'), edge('e3', 'ghost', 'end'), edge('e4', 'a', 'nowhere'), edge('e5', 'a', 'end', { sourceHandle: 'fail' })],
      ),
    );
    expect(issues).toContainEqual(expect.objectContaining({ code: 'duplicate_node_id', nodeId: 'a' }));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'duplicate_edge_id', edgeId: 'e1' }));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'dangling_edge_source', edgeId: 'e3' }));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'dangling_edge_target', edgeId: 'e4' }));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'invalid_handle', edgeId: 'e5', params: { handle: 'fail', kind: 'message' } }));
  });

  it('warns about unreachable nodes and dead ends, but counts global transition targets as reachable', () => {
    const issues = validateFlow(
      flow([start, message('a'), message('lonely'), { id: 'human', kind: 'handoff', config: {} }, end()], [edge('e1', 'start', 'a'), edge('e2', 'human', 'end'), edge('e3', 'lonely', 'end')], {
        settings: { globalTransitions: [{ id: 'g1', guard: { type: 'intent', intents: ['request_human'] }, target: { node: 'human' } }] },
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({ code: 'dead_end', nodeId: 'a', severity: 'warning' }),
      expect.objectContaining({ code: 'unreachable_node', nodeId: 'lonely', severity: 'warning' }),
    ]);
  });

  it('requires both branches of a condition', () => {
    const condition = { all: [{ fact: 'slots', path: '$.price', operator: 'greaterThan', value: 10 }] };
    const issues = validateFlow(flow([start, { id: 'c', kind: 'condition', config: { condition } }, end()], [edge('e1', 'start', 'c'), edge('e2', 'c', 'end', { sourceHandle: 'true' })]));
    expect(issues).toEqual([expect.objectContaining({ code: 'condition_missing_branch', nodeId: 'c', params: { handle: 'false' } })]);
  });

  it('reports undeclared slots and template placeholders naming unknown slots or variables', () => {
    const issues = validateFlow(
      flow(
        [
          start,
          { id: 'ask', kind: 'ask', config: { slot: 'price', prompt: ['多少钱？'] } },
          message('m', '{{slots.color}} {{vars.floor}} {{vars.order.body.status}} {{nlu.intent}} {{nlu.secret}} {{env.HOME}}'),
          { id: 'http', kind: 'http', config: { url: '/sandbox/orders/{{slots.order_id}}', saveAs: 'order' } },
          end(),
        ],
        [edge('e1', 'start', 'ask'), edge('e2', 'ask', 'm'), edge('e3', 'ask', 'end', { sourceHandle: 'fail' }), edge('e4', 'm', 'http'), edge('e5', 'http', 'end'), edge('e6', 'http', 'end', { sourceHandle: 'error' })],
        { slots: [{ key: 'order_id', type: 'order_id' }], variables: [{ key: 'floor', default: 80 }] },
      ),
    );
    expect(issues.map((found) => [found.code, found.params?.slot ?? found.params?.variable ?? found.params?.placeholder])).toEqual([
      ['undeclared_slot', 'price'],
      ['template_unknown_slot', 'color'],
      ['template_unknown_field', '{{nlu.secret}}'],
      ['template_unknown_field', '{{env.HOME}}'],
    ]);
  });

  it('refuses cycles that never wait', () => {
    const issues = validateFlow(flow([start, message('a'), message('b'), end()], [edge('e1', 'start', 'a'), edge('e2', 'a', 'b'), edge('e3', 'b', 'a'), edge('e4', 'b', 'end', { guard: { type: 'slot_filled', slot: 'x' } })], { slots: [{ key: 'x', type: 'text' }] }));
    expect(issues).toEqual([expect.objectContaining({ code: 'cycle_without_wait', nodeId: 'a', params: { nodes: 'a, b' } })]);
  });

  it('checks subflows, intents, slot types and global transitions against the context', () => {
    const doc = flow(
      [start, listen('l'), { id: 'sub', kind: 'subflow', config: { flow: 'bargain' } }, end()],
      [edge('e1', 'start', 'l'), edge('e2', 'l', 'sub', { guard: { type: 'intent', intents: ['bargain', 'haggle'] } }), edge('e3', 'sub', 'end'), edge('e4', 'l', 'end')],
      {
        slots: [{ key: 'price', type: 'money' }, { key: 'size', type: 'shoe_size' }],
        settings: {
          globalTransitions: [
            { id: 'g1', guard: { type: 'intent', intents: ['request_human'] }, target: { node: 'human' } },
            { id: 'g2', guard: { type: 'emotion', emotions: ['angry'] }, target: { flow: 'complaints' } },
          ],
        },
      },
    );
    expect(codes(validateFlow(doc))).toEqual(['global_unknown_node']);
    const issues = validateFlow(doc, { flowKeys: ['test'], intents: ['bargain', 'request_human'], slotTypes: ['money'] });
    expect(issues.map((found) => [found.code, found.severity, found.params])).toEqual([
      ['unknown_subflow', 'error', { flow: 'bargain' }],
      ['unknown_intent', 'warning', { intent: 'haggle' }],
      ['global_unknown_node', 'error', { transition: 'g1', node: 'human' }],
      ['unknown_subflow', 'error', { transition: 'g2', flow: 'complaints' }],
      ['unknown_slot_type', 'warning', { slot: 'size', type: 'shoe_size' }],
    ]);
  });

  it('checks conditions and ask regexes the way they will be evaluated', () => {
    const issues = validateFlow(
      flow(
        [
          start,
          { id: 'ask', kind: 'ask', config: { slot: 'phone', prompt: ['手机号？'], validation: { regex: '([' } } },
          { id: 'c', kind: 'condition', config: { condition: { all: [{ fact: 'slots', path: '$.phone', operator: 'looksLike', value: 1 }] } } },
          end(),
        ],
        [
          edge('e1', 'start', 'ask'),
          edge('e2', 'ask', 'c'),
          edge('e3', 'ask', 'end', { sourceHandle: 'fail' }),
          edge('e4', 'c', 'end', { sourceHandle: 'true', guard: { type: 'condition', condition: { any: [{ fact: 'vars', operator: 'olderThan', value: 'soon' }] } } }),
          edge('e5', 'c', 'end', { sourceHandle: 'false' }),
        ],
        { slots: [{ key: 'phone', type: 'text' }] },
      ),
    );
    expect(issues.map((found) => [found.code, found.nodeId ?? found.edgeId, found.params?.reason ?? found.params?.pattern])).toEqual([
      ['invalid_regex', 'ask', '(['],
      ['invalid_condition', 'c', 'unknown_operator'],
      ['invalid_condition', 'e4', 'invalid_duration'],
    ]);
  });

  it('exports every code with its message key', () => {
    expect(VALIDATION_CODE_LIST).toContain('cycle_without_wait');
    expect(new Set(VALIDATION_CODE_LIST).size).toBe(VALIDATION_CODE_LIST.length);
  });
});
