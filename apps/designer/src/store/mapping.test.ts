import { describe, expect, it } from 'vitest';
import { newFlowDocument } from '../flow/newFlow';
import * as edits from './document/actions';
import { NO_HIGHLIGHT } from './editorStore';
import { createReactFlowMapper, documentToReactFlow, NO_MARKS, type MappingInput } from './mapping';

function sample() {
  let doc = newFlowDocument('t', 'T');
  doc = edits.addNode(doc, 'ask', { x: 0, y: 100 }).doc;
  doc = edits.addNode(doc, 'end', { x: 0, y: 200 }).doc;
  doc = edits.connect(doc, { source: 'start', target: 'ask_1' }).doc;
  doc = edits.connect(doc, { source: 'ask_1', sourceHandle: 'fail', target: 'end_1' }).doc;
  return doc;
}

const base = (doc = sample()): MappingInput => ({ doc, selection: edits.EMPTY_SELECTION, measured: {}, marks: NO_MARKS, highlight: NO_HIGHLIGHT });

describe('document → React Flow mapping', () => {
  it('maps every node and edge with kind, position, handles and the document itself as data', () => {
    const { nodes, edges } = documentToReactFlow(base());
    expect(nodes.map((n) => [n.id, n.type, n.position])).toEqual([
      ['start', 'start', { x: 0, y: 0 }],
      ['ask_1', 'ask', { x: 0, y: 100 }],
      ['end_1', 'end', { x: 0, y: 200 }],
    ]);
    expect(nodes[0]?.deletable).toBe(false);
    // fixed-size cards: React Flow knows sizes and handle boxes before it measures anything
    expect(nodes[1]).toMatchObject({ width: 220, height: 66, measured: { width: 220, height: 66 } });
    expect(nodes[1]?.handles?.map((h) => [h.id, h.type])).toEqual([['in', 'target'], ['out', 'source'], ['fail', 'source']]);
    expect(nodes[0]?.handles?.map((h) => h.id)).toEqual(['out']);
    expect(edges[1]).toMatchObject({ id: 'e_2', source: 'ask_1', sourceHandle: 'fail', target: 'end_1', targetHandle: 'in', type: 'guard' });
    expect(edges[1]?.data?.edge.guard).toEqual({ type: 'default' });
  });

  it('adds selection, measured size, problem marks and the test-chat path', () => {
    const input: MappingInput = {
      ...base(),
      selection: { nodes: ['ask_1'], edges: ['e_1'] },
      measured: { ask_1: { width: 200, height: 80 } },
      marks: { nodes: new Map([['end_1', 'error']]), edges: new Map([['e_2', 'warning']]) },
      highlight: { nodeIds: ['start', 'ask_1'], edgeIds: ['e_1'], currentNodeId: 'ask_1' },
    };
    const { nodes, edges } = documentToReactFlow(input);
    expect(nodes[1]).toMatchObject({ selected: true, measured: { width: 200, height: 80 }, data: { highlighted: true, current: true } });
    expect(nodes[2]?.data.problem).toBe('error');
    expect(edges[0]).toMatchObject({ selected: true, animated: true });
    expect(edges[1]?.data?.problem).toBe('warning');
  });

  it('keeps the same objects for unchanged nodes and edges', () => {
    const map = createReactFlowMapper();
    const input = base();
    const first = map(input);
    const moved = edits.moveNodes(input.doc, { end_1: { x: 50, y: 50 } });
    const second = map({ ...input, doc: moved, selection: { nodes: ['start'], edges: [] } });
    expect(second.nodes[1]).toBe(first.nodes[1]);
    expect(second.nodes[2]).not.toBe(first.nodes[2]);
    expect(second.nodes[0]).not.toBe(first.nodes[0]);
    expect(second.edges[0]).toBe(first.edges[0]);
  });

  it('drops nodes that left the document', () => {
    const map = createReactFlowMapper();
    const input = base();
    map(input);
    const { nodes, edges } = map({ ...input, doc: edits.deleteSelection(input.doc, { nodes: ['end_1'], edges: [] }) });
    expect(nodes.map((n) => n.id)).toEqual(['start', 'ask_1']);
    expect(edges.map((e) => e.id)).toEqual(['e_1']);
  });
});
