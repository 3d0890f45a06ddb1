import { ReactFlowProvider } from '@xyflow/react';
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { newFlowDocument } from '../flow/newFlow';
import * as edits from '../store/document/actions';
import { renderInEditor } from '../test/renderEditor';
import { FlowCanvas } from './FlowCanvas';

function sample() {
  let doc = newFlowDocument('f', 'F');
  doc = edits.addNode(doc, 'condition', { x: 0, y: 150 }).doc;
  doc = edits.connect(doc, { source: 'start', target: 'condition_1' }).doc;
  return doc;
}

describe('canvas', () => {
  it('draws every node of the document with its labelled handles', () => {
    renderInEditor(<ReactFlowProvider><div style={{ width: 800, height: 600 }}><FlowCanvas /></div></ReactFlowProvider>, sample());
    expect(screen.getByTestId('node-start')).toBeTruthy();
    expect(screen.getByTestId('node-condition_1').textContent).toContain('Condition');
    expect(screen.getByTestId('handle-condition_1-true').getAttribute('title')).toBe('Yes');
    expect(screen.getByTestId('handle-condition_1-false').getAttribute('title')).toBe('No');
    expect(screen.queryByTestId('handle-start-in')).toBeNull();
  });

  it('follows the store: new nodes, problem marks and the test-chat path', () => {
    const { store } = renderInEditor(<ReactFlowProvider><div style={{ width: 800, height: 600 }}><FlowCanvas /></div></ReactFlowProvider>, sample());
    act(() => {
      store.getState().addNode('end', { x: 0, y: 300 });
      store.getState().setProblems([{ code: 'condition_missing_branch', severity: 'error', nodeId: 'condition_1' }]);
      store.getState().setHighlight({ nodeIds: ['start'], edgeIds: ['e_1'], currentNodeId: 'condition_1' });
    });
    expect(screen.getByTestId('node-end_1')).toBeTruthy();
    expect(screen.getByTestId('node-condition_1').getAttribute('data-problem')).toBe('error');
    expect(screen.getByTestId('node-condition_1').getAttribute('data-current')).toBe('true');
    expect(screen.getByTestId('node-start').getAttribute('data-highlighted')).toBe('true');
    act(() => store.getState().undo());
    expect(screen.queryByTestId('node-end_1')).toBeNull();
  });
});
