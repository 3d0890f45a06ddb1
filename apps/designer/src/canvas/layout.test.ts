import { describe, expect, it } from 'vitest';
import type { Flow } from '@zhishou/flow-schema';
import { newFlowDocument } from '../flow/newFlow';
import * as edits from '../store/document/actions';
import { autoLayout, needsLayout, withLayout } from './layout';

function chain(): Flow {
  let doc = newFlowDocument('t', 'T');
  doc = edits.addNode(doc, 'ask', { x: 0, y: 0 }).doc;
  doc = edits.addNode(doc, 'message', { x: 0, y: 0 }).doc;
  doc = edits.addNode(doc, 'end', { x: 0, y: 0 }).doc;
  doc = edits.connect(doc, { source: 'start', target: 'ask_1' }).doc;
  doc = edits.connect(doc, { source: 'ask_1', target: 'message_1' }).doc;
  doc = edits.connect(doc, { source: 'ask_1', sourceHandle: 'fail', target: 'end_1' }).doc;
  return doc;
}

describe('auto-layout', () => {
  it('places each node below its predecessor without overlaps', () => {
    const positions = autoLayout(chain());
    const y = (id: string) => positions[id]?.y ?? NaN;
    expect(y('start')).toBeLessThan(y('ask_1'));
    expect(y('ask_1')).toBeLessThan(y('message_1'));
    expect(y('message_1')).toBe(y('end_1'));
    expect(Math.abs((positions.message_1?.x ?? 0) - (positions.end_1?.x ?? 0))).toBeGreaterThanOrEqual(220);
  });

  it('lays out only documents without positions', () => {
    const doc = chain();
    expect(needsLayout(doc)).toBe(false);
    expect(withLayout(doc)).toBe(doc);
    const bare: Flow = { ...doc, nodes: doc.nodes.map(({ position: _p, ...node }) => node) };
    expect(needsLayout(bare)).toBe(true);
    const laid = withLayout(bare);
    expect(laid.nodes.every((n) => n.position !== undefined)).toBe(true);
    expect(new Set(laid.nodes.map((n) => `${n.position?.x},${n.position?.y}`)).size).toBe(laid.nodes.length);
  });
});
