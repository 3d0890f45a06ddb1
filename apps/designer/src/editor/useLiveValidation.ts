import { useEffect } from 'react';
import { validateFlow, type Flow } from '@zhishou/flow-schema';
import { kindIssues } from '../nodes/registry';
import type { BotContext, EditorStore, Problem } from '../store/editorStore';

/** Graph validation (flow-schema) plus each kind's own checks, as one list. */
export function collectProblems(doc: Flow, bot: BotContext): Problem[] {
  const graph: Problem[] = validateFlow(doc, {
    ...(bot.flowKeys.length ? { flowKeys: bot.flowKeys } : {}),
    ...(bot.intents.length ? { intents: bot.intents } : {}),
    ...(bot.slotTypes.length ? { slotTypes: bot.slotTypes } : {}),
  }).map(({ code, severity, nodeId, edgeId, params }) => ({ code, severity, nodeId, edgeId, params }));
  const local: Problem[] = doc.nodes.flatMap((node) => kindIssues(node, doc).map((found) => ({ ...found, nodeId: node.id })));
  return [...graph, ...local].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** Re-validates the document shortly after each edit (debounced, so typing stays smooth). */
export function useLiveValidation(store: EditorStore, delayMs = 250): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const { doc, bot } = store.getState();
      store.getState().setProblems(collectProblems(doc, bot));
    };
    run();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.doc === previous.doc && state.bot === previous.bot) return;
      clearTimeout(timer);
      timer = setTimeout(run, delayMs);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, delayMs]);
}
