import { describe, expect, it } from 'vitest';
import { newFlowDocument } from '../flow/newFlow';
import { createEditorStore, HISTORY_LIMIT, selectDirty } from './editorStore';

const meta = { botKey: 'b', flowKey: 't', revision: 1, readOnly: false };
const make = () => createEditorStore(newFlowDocument('t', 'T'), meta);

describe('editor store', () => {
  it('undoes and redoes edits as document snapshots', () => {
    const store = make();
    const s = store.getState;
    const id = s().addNode('message', { x: 0, y: 100 });
    s().connect({ source: 'start', target: id ?? '' });
    expect(s().doc.edges).toHaveLength(1);
    s().undo();
    expect(s().doc.edges).toHaveLength(0);
    s().undo();
    expect(s().doc.nodes).toHaveLength(1);
    expect(s().selection.nodes).toEqual([]);
    s().redo();
    s().redo();
    expect(s().doc.edges).toHaveLength(1);
    s().addNode('end', { x: 0, y: 0 });
    expect(s().future).toEqual([]);
  });

  it('bounds the history', () => {
    const store = make();
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) store.getState().moveNodes({ start: { x: i + 1, y: 0 } });
    expect(store.getState().past).toHaveLength(HISTORY_LIMIT);
  });

  it('records a whole drag as one undo step', () => {
    const store = make();
    const s = store.getState;
    s().beginGesture();
    for (let x = 1; x <= 30; x++) s().moveNodes({ start: { x, y: x } });
    s().endGesture();
    expect(s().past).toHaveLength(1);
    s().undo();
    expect(s().doc.nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });

  it('tracks unsaved changes against the saved document', () => {
    const store = make();
    const s = store.getState;
    expect(selectDirty(s())).toBe(false);
    s().addNode('message', { x: 0, y: 0 });
    expect(selectDirty(s())).toBe(true);
    s().markSaved(s().doc, 2);
    expect(selectDirty(s())).toBe(false);
    expect(s().meta.revision).toBe(2);
    s().undo();
    expect(selectDirty(s())).toBe(true);
  });

  it('deletes the selection and pastes copies', () => {
    const store = make();
    const s = store.getState;
    const id = s().addNode('message', { x: 0, y: 0 }) ?? '';
    s().selectNode(id);
    s().copy();
    s().paste();
    s().paste();
    expect(s().doc.nodes.map((n) => n.id)).toEqual(['start', 'message_1', 'message_2', 'message_3']);
    expect(s().doc.nodes[3]?.position).toEqual({ x: 80, y: 80 });
    s().select({ nodes: ['message_2', 'message_3'], edges: [] });
    s().deleteSelection();
    expect(s().doc.nodes.map((n) => n.id)).toEqual(['start', 'message_1']);
    expect(s().selection.nodes).toEqual([]);
  });

  it('refuses every edit when read-only', () => {
    const store = createEditorStore(newFlowDocument('t', 'T'), { ...meta, readOnly: true });
    const before = store.getState().doc;
    expect(store.getState().addNode('message', { x: 0, y: 0 })).toBeNull();
    store.getState().setFlowMeta({ name: 'x' });
    expect(store.getState().doc).toBe(before);
  });
});
