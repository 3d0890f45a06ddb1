import { useSyncExternalStore } from 'react';
import { formatRoute, parseHash, type Route } from './routes';

/**
 * A navigation blocker returns a question to ask before leaving (unsaved changes), or null to let
 * the navigation through.
 */
export type Blocker = () => string | null;
const blockers = new Set<Blocker>();
let currentHash = typeof window !== 'undefined' ? window.location.hash : '';
const listeners = new Set<() => void>();

export function addBlocker(blocker: Blocker): () => void {
  blockers.add(blocker);
  return () => blockers.delete(blocker);
}

function pendingQuestion(): string | null {
  for (const blocker of blockers) {
    const question = blocker();
    if (question) return question;
  }
  return null;
}

/** Asks every blocker; true when the user may leave the current page. */
export function confirmLeave(): boolean {
  const question = pendingQuestion();
  return question === null || window.confirm(question);
}

function onHashChange(): void {
  if (window.location.hash === currentHash) return;
  // Back/forward or a typed URL: ask blockers, and undo the change when the user stays.
  if (!confirmLeave()) {
    window.history.pushState(null, '', currentHash || '#/');
    return;
  }
  currentHash = window.location.hash;
  listeners.forEach((listener) => listener());
}

if (typeof window !== 'undefined') window.addEventListener('hashchange', onHashChange);

export function navigate(to: Route | string, options: { replace?: boolean; force?: boolean } = {}): boolean {
  const hash = typeof to === 'string' ? to : formatRoute(to);
  if (hash === window.location.hash) return true;
  if (!options.force && !confirmLeave()) return false;
  currentHash = hash;
  if (options.replace) window.history.replaceState(null, '', hash);
  else window.history.pushState(null, '', hash);
  listeners.forEach((listener) => listener());
  return true;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => currentHash, () => '');
}

export function useRoute(): Route {
  return parseHash(useHash());
}
