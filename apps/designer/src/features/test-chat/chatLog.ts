import type { IntentScore, NluResult, PreviewTurn, Reply, TraceEntry } from '@zhishou/flow-schema';

/** One exchange in the test chat: what the tester sent and what came back (or the error). */
export interface ChatTurn {
  id: string;
  text: string;
  image?: string;
  pending: boolean;
  replies: Reply[];
  nlu: NluResult | null;
  slots: Record<string, unknown>;
  node: string | null;
  status: string | null;
  /** Flow variables after the turn. */
  vars: Record<string, unknown>;
  /** What each http node of the turn sent and received (from the trace). */
  http: HttpCall[];
  error: string | null;
}

export interface HttpCall {
  nodeId: string;
  method: string;
  url: string;
  /** null: no answer (network error or timeout). */
  status: number | null;
  body: unknown;
}

/** The http calls a turn made, in order, from its trace. */
export function httpCalls(trace: readonly TraceEntry[]): HttpCall[] {
  return trace.flatMap((entry) =>
    entry.http ? [{ nodeId: entry.nodeId, method: entry.http.request.method, url: entry.http.request.url, status: entry.http.response?.status ?? null, body: entry.http.response?.body ?? null }] : [],
  );
}

export function pendingTurn(id: string, text: string, image?: string): ChatTurn {
  return { id, text, ...(image ? { image } : {}), pending: true, replies: [], nlu: null, slots: {}, node: null, status: null, vars: {}, http: [], error: null };
}

export function completeTurn(turn: ChatTurn, result: Pick<PreviewTurn, 'replies' | 'nlu' | 'state' | 'vars' | 'trace'>): ChatTurn {
  return { ...turn, pending: false, replies: result.replies, nlu: result.nlu, slots: result.state.slots, node: result.state.node, status: result.state.status, vars: result.vars ?? {}, http: httpCalls(result.trace) };
}

export function failTurn(turn: ChatTurn, error: string): ChatTurn {
  return { ...turn, pending: false, error };
}

/** The three best intents with their confidence, best first (the model's top-k may be longer). */
export function topIntents(nlu: NluResult | null, k = 3): IntentScore[] {
  if (!nlu) return [];
  const list = nlu.intents.length ? nlu.intents : [nlu.intent];
  return [...list].sort((a, b) => b.confidence - a.confidence).slice(0, k);
}

/** Quick replies offered by the last answered turn only: older buttons no longer apply. */
export function activeQuickReplies(turns: readonly ChatTurn[]): string[] {
  const last = [...turns].reverse().find((t) => !t.pending && !t.error);
  return last ? last.replies.flatMap((r) => r.quickReplies) : [];
}
