import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { NodeConfig } from '@zhishou/flow-schema';
import { newFlowDocument } from '../flow/newFlow';
import * as edits from '../store/document/actions';
import { renderInEditor } from '../test/renderEditor';
import { AskPanel } from './ask/Panel';
import { MessagePanel } from './message/Panel';
import { WaitPanel } from './wait/Panel';

function typeInto(testId: string, value: string) {
  const root = screen.getByTestId(testId);
  const field = root.matches('input, textarea') ? root : root.querySelector('input, textarea');
  if (!field) throw new Error(`no field in ${testId}`);
  act(() => {
    fireEvent.change(field, { target: { value } });
  });
}

describe('node panels', () => {
  const doc = edits.addNode(edits.addNode(edits.addNode(newFlowDocument('f', 'F'), 'message', { x: 0, y: 0 }).doc, 'ask', { x: 0, y: 0 }).doc, 'wait', { x: 0, y: 0 }).doc;
  const node = <K extends 'message' | 'ask' | 'wait'>(kind: K) => doc.nodes.find((n) => n.kind === kind) as Extract<(typeof doc.nodes)[number], { kind: K }>;

  it('saves a valid change to a message', async () => {
    const onChange = vi.fn<(c: NodeConfig<'message'>) => void>();
    renderInEditor(<MessagePanel node={node('message')} readOnly={false} onChange={onChange} />, doc);
    typeInto('field-variants-0', '您好，在的！');
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(onChange.mock.lastCall?.[0].variants).toEqual(['您好，在的！']);
  });

  it('shows an invalid slot key at the field and never saves it', async () => {
    const onChange = vi.fn();
    renderInEditor(<AskPanel node={node('ask')} readOnly={false} onChange={onChange} />, doc);
    typeInto('field-slot', '1price');
    await waitFor(() => expect(screen.getByTestId('panel-invalid')).toBeTruthy());
    await waitFor(() => expect(screen.getAllByText(/Starts with a letter or _/).length).toBeGreaterThan(0));
    expect(onChange).not.toHaveBeenCalled();
    typeInto('field-slot', 'price');
    await waitFor(() => expect(onChange).toHaveBeenCalledOnce());
    expect(onChange.mock.lastCall?.[0]).toMatchObject({ slot: 'price' });
    expect(screen.queryByTestId('panel-invalid')).toBeNull();
  });

  it('reads durations as ops write them and refuses others', async () => {
    const onChange = vi.fn();
    renderInEditor(<WaitPanel node={node('wait')} readOnly={false} onChange={onChange} />, doc);
    typeInto('field-delay', '48 hours');
    await waitFor(() => expect(screen.getByTestId('panel-invalid')).toBeTruthy());
    expect(onChange).not.toHaveBeenCalled();
    typeInto('field-delay', '48h');
    await waitFor(() => expect(onChange).toHaveBeenCalledWith({ delay: '48h' }));
    typeInto('field-delay', '1500');
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith({ delay: 1500 }));
  });
});
