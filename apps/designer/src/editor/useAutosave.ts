import { useEffect } from 'react';
import type { Flow } from '@zhishou/flow-schema';
import { ApiError, describeApiError } from '../api/client';
import { staleRevisionSchema, type StaleRevision } from '@zhishou/flow-schema';
import { addBlocker } from '../router/router';
import { selectDirty, type EditorStore } from '../store/editorStore';

type Translate = (key: string, options?: Record<string, unknown>) => string;
export type SaveDraft = (doc: Flow, revision: number) => Promise<{ revision: number }>;

function staleRevision(error: unknown): StaleRevision | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const current = staleRevisionSchema.safeParse(typeof error.body === 'object' && error.body !== null ? (error.body as { current?: unknown }).current : undefined);
  return current.success ? current.data : { revision: NaN, updatedBy: '', updatedAt: '' };
}

/**
 * Saves the draft shortly after each edit, with the revision it is based on. A 409 stops autosaving
 * and shows who saved first (the user then reloads or overwrites knowingly); other failures are shown
 * in words and retried on the next edit or "save now".
 */
export function createAutosaver(store: EditorStore, saveDraft: SaveDraft, t: Translate, delayMs = 1000) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<boolean> | null = null;

  const saveOnce = async (revision: number): Promise<boolean> => {
    const { doc } = store.getState();
    store.getState().setSave({ status: 'saving' });
    try {
      const saved = await saveDraft(doc, revision);
      store.getState().markSaved(doc, saved.revision);
      const dirty = selectDirty(store.getState());
      store.getState().setSave({ status: dirty ? 'pending' : 'saved', savedAt: Date.now() });
      if (dirty) schedule();
      return !dirty;
    } catch (error) {
      const conflict = staleRevision(error);
      if (conflict) store.getState().setSave({ status: 'conflict', conflict, error: describeApiError(error, t) });
      else store.getState().setSave({ status: 'error', error: describeApiError(error, t) });
      return false;
    }
  };

  const save = (revision?: number): Promise<boolean> => {
    clearTimeout(timer);
    if (inFlight) return inFlight.then(() => save(revision));
    const state = store.getState();
    if (state.meta.readOnly) return Promise.resolve(true);
    if (!selectDirty(state) && revision === undefined) return Promise.resolve(true);
    inFlight = saveOnce(revision ?? state.meta.revision).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => void save(), delayMs);
  }

  const onChange = () => {
    const state = store.getState();
    if (state.meta.readOnly || state.save.status === 'conflict') return;
    if (!selectDirty(state)) {
      clearTimeout(timer);
      if (state.save.status === 'pending') state.setSave({ status: 'saved' });
      return;
    }
    if (state.save.status !== 'saving') state.setSave({ ...state.save, status: 'pending' });
    schedule();
  };

  return {
    onChange,
    /** Saves now, waiting for a save in flight first. */
    flush: () => (store.getState().save.status === 'conflict' ? Promise.resolve(false) : save()),
    /** After a 409: save over the other person's revision. */
    overwrite: () => {
      const conflict = store.getState().save.conflict;
      return save(conflict && Number.isFinite(conflict.revision) ? conflict.revision : store.getState().meta.revision);
    },
    dispose: () => clearTimeout(timer),
  };
}

export function useAutosave(store: EditorStore, saveDraft: SaveDraft, t: Translate, unsavedQuestion: string) {
  useEffect(() => {
    const saver = createAutosaver(store, saveDraft, t);
    store.getState().setSaveActions({ flush: saver.flush, overwrite: saver.overwrite });
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.doc !== previous.doc || state.savedDoc !== previous.savedDoc) saver.onChange();
    });
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!selectDirty(store.getState())) return;
      event.preventDefault();
      event.returnValue = unsavedQuestion;
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    const removeBlocker = addBlocker(() => (selectDirty(store.getState()) ? unsavedQuestion : null));
    return () => {
      saver.dispose();
      unsubscribe();
      window.removeEventListener('beforeunload', onBeforeUnload);
      removeBlocker();
    };
  }, [store, saveDraft, t, unsavedQuestion]);
}
