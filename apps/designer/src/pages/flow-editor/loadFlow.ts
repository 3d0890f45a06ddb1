import { parseFlow, type Flow } from '@zhishou/flow-schema';
import { withLayout } from '../../canvas/layout';

export type Loaded = { ok: true; doc: Flow; migratedFrom: number | null } | { ok: false; errors: Array<{ path: string; message: string }> };

/** Parses (and migrates) a document from the api; lays it out when it has no positions. */
export function loadFlowDocument(raw: unknown): Loaded {
  const parsed = parseFlow(raw);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return { ok: true, doc: withLayout(parsed.flow), migratedFrom: parsed.migratedFrom };
}
