import { describe, expect, it } from 'vitest';
import { flowSchema, NODE_KINDS, nodeSchema, type Flow } from '@zhishou/flow-schema';
import { newFlowDocument } from '../../flow/newFlow';
import * as edits from './actions';

function flowWith(...kinds: Array<(typeof NODE_KINDS)[number]>): Flow {
  return kinds.reduce((doc, kind, i) => edits.addNode(doc, kind, { x: 100 * (i + 1), y: 0 }).doc, newFlowDocument('t', 'T'));
}

describe('document actions', () => {
  it('adds a node of every kind with schema-valid defaults and unique ids', () => {
    const doc = flowWith(...NODE_KINDS.filter((k) => k !== 'start'), 'message');
    for (const node of doc.nodes) expect(nodeSchema.safeParse(node).success, node.kind).toBe(true);
    expect(new Set(doc.nodes.map((n) => n.id)).size).toBe(doc.nodes.length);
    expect(doc.nodes.filter((n) => n.kind === 'message').map((n) => n.id)).toEqual(['message_1', 'message_2']);
    expect(flowSchema.safeParse(doc).success).toBe(true);
  });

  it('never mutates its input and returns the same document for no-op edits', () => {
    const doc = flowWith('message');
    const frozen = JSON.stringify(doc);
    const moved = edits.moveNodes(doc, { message_1: { x: 5.4, y: 7.6 } });
    expect(JSON.stringify(doc)).toBe(frozen);
    expect(moved.nodes[1]?.position).toEqual({ x: 5, y: 8 });
    expect(moved.nodes[0]).toBe(doc.nodes[0]);
    expect(edits.moveNodes(moved, { message_1: { x: 5, y: 8 } })).toBe(moved);
    expect(edits.updateNodeMeta(doc, 'nope', { name: 'x' })).toBe(doc);
  });

  it('connects handles with a default guard, then an intent guard on a second edge of the same handle', () => {
    let doc = flowWith('listen', 'message', 'end');
    const first = edits.connect(doc, { source: 'listen_1', sourceHandle: 'out', target: 'message_1' });
    doc = first.doc;
    const second = edits.connect(doc, { source: 'listen_1', sourceHandle: 'out', target: 'end_1' });
    expect(first.id).toBe('e_1');
    expect(second.doc.edges.map((e) => e.guard.type)).toEqual(['default', 'intent']);
  });

  it('refuses edges into start, from unknown handles and between unknown nodes', () => {
    const doc = flowWith('ask');
    expect(edits.connectionProblem(doc, { source: 'ask_1', sourceHandle: 'out', target: 'start' })).toBe('into_start');
    expect(edits.connectionProblem(doc, { source: 'start', sourceHandle: 'fail', target: 'ask_1' })).toBe('bad_handle');
    expect(edits.connectionProblem(doc, { source: 'x', target: 'ask_1' })).toBe('unknown_node');
    expect(edits.connect(doc, { source: 'ask_1', sourceHandle: 'fail', target: 'start' }).id).toBeNull();
    expect(edits.connectionProblem(doc, { source: 'ask_1', sourceHandle: 'fail', target: 'ask_1' })).toBeNull();
  });

  it('updates node config and edges', () => {
    let doc = flowWith('message');
    doc = edits.updateNodeConfig(doc, 'message_1', 'message', { variants: ['好的'], quickReplies: ['是'] });
    expect(doc.nodes[1]?.config).toEqual({ variants: ['好的'], quickReplies: ['是'] });
    // a config of another kind is ignored rather than corrupting the node
    expect(edits.updateNodeConfig(doc, 'message_1', 'wait', { delay: '5m' })).toBe(doc);
    doc = edits.connect(doc, { source: 'start', target: 'message_1' }).doc;
    doc = edits.updateEdge(doc, 'e_1', { priority: 3, guard: { type: 'slot_filled', slot: 'price' } });
    expect(doc.edges[0]).toMatchObject({ priority: 3, guard: { type: 'slot_filled', slot: 'price' } });
  });

  it('deletes selected nodes with their edges but keeps the start node', () => {
    let doc = flowWith('message', 'end');
    doc = edits.connect(doc, { source: 'start', target: 'message_1' }).doc;
    doc = edits.connect(doc, { source: 'message_1', target: 'end_1' }).doc;
    const after = edits.deleteSelection(doc, { nodes: ['start', 'message_1'], edges: [] });
    expect(after.nodes.map((n) => n.id)).toEqual(['start', 'end_1']);
    expect(after.edges).toEqual([]);
    expect(edits.deleteSelection(doc, { nodes: [], edges: ['e_2'] }).edges.map((e) => e.id)).toEqual(['e_1']);
  });

  it('copies nodes with their inner edges and pastes them under fresh ids', () => {
    let doc = flowWith('message', 'end');
    doc = edits.connect(doc, { source: 'start', target: 'message_1' }).doc;
    doc = edits.connect(doc, { source: 'message_1', target: 'end_1' }).doc;
    const clipboard = edits.copySelection(doc, { nodes: ['message_1', 'end_1', 'start'], edges: [] });
    expect(clipboard.nodes.map((n) => n.id)).toEqual(['message_1', 'end_1']);
    expect(clipboard.edges.map((e) => e.id)).toEqual(['e_2']);
    const { doc: pasted, selection } = edits.paste(doc, clipboard, { x: 10, y: 20 });
    expect(selection).toEqual({ nodes: ['message_2', 'end_2'], edges: ['e_3'] });
    expect(pasted.edges.at(-1)).toMatchObject({ source: 'message_2', target: 'end_2' });
    expect(pasted.nodes.at(-1)?.position).toEqual({ x: 210, y: 20 });
  });

  it('manages slots and variables by key', () => {
    let doc = newFlowDocument('t', 'T');
    doc = edits.upsertSlot(doc, { key: 'price', type: 'money' });
    doc = edits.upsertSlot(doc, { key: 'offer', type: 'money', name: '出价' }, 'price');
    doc = edits.upsertVariable(doc, { key: 'tries', default: 0 });
    expect(doc.slots).toEqual([{ key: 'offer', type: 'money', name: '出价' }]);
    expect(edits.removeVariable(edits.removeSlot(doc, 'offer'), 'tries')).toMatchObject({ slots: [], variables: [] });
  });

  it('drops global transitions that point at a deleted node', () => {
    let doc = flowWith('handoff');
    doc = edits.setSettings(doc, {
      ...doc.settings,
      globalTransitions: [{ id: 'g1', guard: { type: 'intent', intents: ['human'] }, target: { node: 'handoff_1' }, priority: 0 }],
    });
    expect(edits.deleteSelection(doc, { nodes: ['handoff_1'], edges: [] }).settings.globalTransitions).toEqual([]);
  });
});
