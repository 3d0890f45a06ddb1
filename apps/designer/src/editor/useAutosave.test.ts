import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Flow } from '@zhishou/flow-schema';
import { ApiError } from '../api/client';
import { newFlowDocument } from '../flow/newFlow';
import { createI18n } from '../i18n';
import { createEditorStore } from '../store/editorStore';
import { createAutosaver, type SaveDraft } from './useAutosave';

const t = createI18n('en').t;

function setup(saveDraft: SaveDraft) {
  const store = createEditorStore(newFlowDocument('f', 'F'), { botKey: 'b', flowKey: 'f', revision: 3, readOnly: false });
  const saver = createAutosaver(store, saveDraft, t, 1000);
  store.subscribe((state, previous) => {
    if (state.doc !== previous.doc || state.savedDoc !== previous.savedDoc) saver.onChange();
  });
  return { store, saver };
}

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves the draft with its revision shortly after an edit and takes the new revision', async () => {
    const calls: Array<[Flow, number]> = [];
    const { store } = setup(async (doc, revision) => {
      calls.push([doc, revision]);
      return { revision: revision + 1 };
    });
    store.getState().addNode('message', { x: 0, y: 0 });
    expect(store.getState().save.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[1]).toBe(3);
    expect(calls[0]?.[0].nodes).toHaveLength(2);
    expect(store.getState().save.status).toBe('saved');
    expect(store.getState().meta.revision).toBe(4);
    expect(store.getState().savedDoc).toBe(store.getState().doc);
  });

  it('stops on a 409, says who saved, and overwrites knowingly with their revision', async () => {
    const revisions: number[] = [];
    let refuse = true;
    const { store, saver } = setup(async (_doc, revision) => {
      revisions.push(revision);
      if (refuse) throw new ApiError(409, 'stale_revision', [], { error: 'stale_revision', current: { revision: 7, updatedBy: 'bob@x', updatedAt: '2026-11-25T10:00:00Z' } });
      return { revision: revision + 1 };
    });
    store.getState().addNode('message', { x: 0, y: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getState().save).toMatchObject({ status: 'conflict', conflict: { revision: 7, updatedBy: 'bob@x' } });
    // further edits do not retry behind the user's back
    store.getState().addNode('end', { x: 0, y: 0 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(revisions).toEqual([3]);
    refuse = false;
    await expect(saver.overwrite()).resolves.toBe(true);
    expect(revisions).toEqual([3, 7]);
    expect(store.getState().save.status).toBe('saved');
    expect(store.getState().meta.revision).toBe(8);
  });

  it('shows other failures in words and saves again on the next edit', async () => {
    let fail = true;
    const { store } = setup(async (_doc, revision) => {
      if (fail) throw new ApiError(400, 'validation_failed', [{ path: 'nodes.1.config.slot', message: 'Required' }]);
      return { revision: revision + 1 };
    });
    store.getState().addNode('message', { x: 0, y: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getState().save).toMatchObject({ status: 'error', error: 'Some values are not valid. nodes.1.config.slot: Required' });
    fail = false;
    store.getState().addNode('end', { x: 0, y: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getState().save.status).toBe('saved');
  });

  it('saves again when the user edited while a save was in flight', async () => {
    let release: (() => void) | undefined;
    const sent: number[] = [];
    const { store, saver } = setup(async (doc, revision) => {
      sent.push(doc.nodes.length);
      if (sent.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return { revision: revision + 1 };
    });
    store.getState().addNode('message', { x: 0, y: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    store.getState().addNode('end', { x: 0, y: 0 });
    release?.();
    await vi.advanceTimersByTimeAsync(1000);
    await saver.flush();
    expect(sent).toEqual([2, 3]);
    expect(store.getState().save.status).toBe('saved');
    expect(store.getState().meta.revision).toBe(5);
  });
});
