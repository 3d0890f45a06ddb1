import { describe, expect, it } from 'vitest';
import { newFlowDocument } from '../flow/newFlow';
import { NODE_DEFAULTS } from '../nodes/defaults';
import * as edits from '../store/document/actions';
import { collectProblems } from './useLiveValidation';
import { searchNodes } from './NodeSearch';

const bot = { flowKeys: [], intents: [], slotTypes: [] };

describe('problems', () => {
  it('combines graph validation with the kinds’ own checks, errors first', () => {
    let doc = newFlowDocument('f', 'F');
    doc = edits.addNode(doc, 'ask', { x: 0, y: 0 }).doc;
    doc = edits.connect(doc, { source: 'start', target: 'ask_1' }).doc;
    doc = edits.updateNodeConfig(doc, 'ask_1', 'ask', { ...NODE_DEFAULTS.ask(), slot: 'missing', validation: { min: 10, max: 1 } });
    doc = { ...doc, edges: [...doc.edges, { id: 'e_9', source: 'ask_1', target: 'gone', sourceHandle: 'out', guard: { type: 'default' }, priority: 0 }] };
    const problems = collectProblems(doc, bot);
    expect(problems.map((p) => p.code)).toEqual(expect.arrayContaining(['dangling_edge_target', 'undeclared_slot', 'min_above_max']));
    expect(problems.find((p) => p.code === 'dangling_edge_target')).toMatchObject({ edgeId: 'e_9', severity: 'error' });
    expect(problems.find((p) => p.code === 'min_above_max')).toMatchObject({ nodeId: 'ask_1', params: { min: 10, max: 1 } });
    const withWarning = collectProblems(edits.addNode(doc, 'end', { x: 0, y: 0 }).doc, bot).map((p) => p.severity);
    expect(withWarning).toContain('warning');
    expect(withWarning).toEqual([...withWarning].sort());
  });

  it('new nodes start valid: an ask node declares its slot (or takes the first declared one), the http node calls a sandbox route that exists', () => {
    let doc = newFlowDocument('f', 'F');
    doc = edits.addNode(doc, 'ask', { x: 0, y: 0 }).doc;
    doc = edits.connect(doc, { source: 'start', target: 'ask_1' }).doc;
    expect(doc.slots).toEqual([{ key: 'answer', type: 'text' }]);
    const priced = edits.addNode({ ...newFlowDocument('g', 'G'), slots: [{ key: 'price', type: 'money' }] }, 'ask', { x: 0, y: 0 }).doc;
    expect(priced.nodes.find((n) => n.id === 'ask_1')?.config).toMatchObject({ slot: 'price' });
    expect(priced.slots).toHaveLength(1);
    doc = edits.addNode(doc, 'http', { x: 0, y: 0 }).doc;
    doc = edits.connect(doc, { source: 'ask_1', target: 'http_1' }).doc;
    const codes = collectProblems(doc, bot).map((p) => p.code);
    expect(codes).not.toContain('undeclared_slot');
    expect(codes).not.toContain('template_unknown_slot');
    expect(NODE_DEFAULTS.http().url).toBe('/sandbox/items');
    // the http node's error exit is not connected: a warning says so
    expect(collectProblems(doc, bot).find((p) => p.code === 'http_error_unconnected')).toMatchObject({ nodeId: 'http_1', severity: 'warning' });
  });

  it('checks intents only when the bot’s intents are known', () => {
    let doc = newFlowDocument('f', 'F');
    doc = edits.addNode(doc, 'listen', { x: 0, y: 0 }).doc;
    doc = edits.addNode(doc, 'end', { x: 0, y: 0 }).doc;
    doc = edits.connect(doc, { source: 'start', target: 'listen_1' }).doc;
    doc = edits.connect(doc, { source: 'listen_1', target: 'end_1' }).doc;
    doc = edits.updateEdge(doc, 'e_2', { guard: { type: 'intent', intents: ['bargain'] } });
    expect(collectProblems(doc, bot).some((p) => p.code === 'unknown_intent')).toBe(false);
    expect(collectProblems(doc, { ...bot, intents: ['greeting'] }).find((p) => p.code === 'unknown_intent')).toMatchObject({ params: { intent: 'bargain' } });
  });
});

describe('node search', () => {
  it('finds nodes by name, id or any text in their config', () => {
    let doc = newFlowDocument('f', 'F');
    doc = edits.addNode(doc, 'message', { x: 0, y: 0 }).doc;
    doc = edits.updateNodeConfig(doc, 'message_1', 'message', { variants: ['包邮哦，亲'], quickReplies: [] });
    doc = edits.updateNodeMeta(doc, 'start', { name: '入口' });
    expect(searchNodes(doc.nodes, '包邮').map((n) => n.id)).toEqual(['message_1']);
    expect(searchNodes(doc.nodes, '入口').map((n) => n.id)).toEqual(['start']);
    expect(searchNodes(doc.nodes, 'MESSAGE_1').map((n) => n.id)).toEqual(['message_1']);
    expect(searchNodes(doc.nodes, '  ')).toEqual([]);
  });
});
