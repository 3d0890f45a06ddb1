import { useEffect } from 'react';
import type { EditorStore } from '../store/editorStore';

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('.ant-select, .ant-mentions') !== null;
}

/** Undo/redo, copy/paste and delete on the canvas; fields keep their own keys. */
export function useKeyboard(store: EditorStore): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (typingInField(event.target)) return;
      const state = store.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'z' && !event.shiftKey) state.undo();
      else if (mod && (key === 'y' || (key === 'z' && event.shiftKey))) state.redo();
      else if (mod && key === 'c') state.copy();
      else if (mod && key === 'v') state.paste();
      else if (mod && key === 's') void state.flush();
      else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) state.deleteSelection();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
