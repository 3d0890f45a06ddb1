import type { Flow } from '@zhishou/flow-schema';
import type { DiffMark } from '../store/editorStore';

export interface DraftDiff {
  nodes: { added: string[]; removed: string[]; changed: string[] };
  edges: { added: string[]; removed: string[]; changed: string[] };
  /** Top-level parts besides nodes and edges that differ (settings, slots, variables, name, …). */
  other: string[];
}

/** JSON with sorted keys, so key order never counts as a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function byId<T extends { id: string }>(from: readonly T[], to: readonly T[], strip: (x: T) => unknown): DraftDiff['nodes'] {
  const before = new Map(from.map((x) => [x.id, canonical(strip(x))]));
  const after = new Map(to.map((x) => [x.id, canonical(strip(x))]));
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed: [...after.entries()].filter(([id, json]) => before.has(id) && before.get(id) !== json).map(([id]) => id),
  };
}

/**
 * The draft against the live version, as the api's /diff compares two versions, except that moving a
 * node is not a change: what ops want to see before publishing is what the bot will do differently.
 */
export function diffDraft(live: Flow, draft: Flow): DraftDiff {
  const keys = new Set([...Object.keys(live), ...Object.keys(draft)].filter((k) => k !== 'nodes' && k !== 'edges'));
  const other = [...keys].filter((k) => canonical((live as Record<string, unknown>)[k]) !== canonical((draft as Record<string, unknown>)[k])).sort();
  return {
    nodes: byId(live.nodes, draft.nodes, ({ position: _position, ...rest }) => rest),
    edges: byId(live.edges, draft.edges, (e) => e),
    other,
  };
}

export function isEmptyDiff(diff: DraftDiff): boolean {
  return [diff.nodes, diff.edges].every((d) => d.added.length + d.removed.length + d.changed.length === 0) && diff.other.length === 0;
}

/** The canvas marks for a diff: removed nodes are not on the canvas, so only the list shows them. */
export function diffMarks(diff: DraftDiff): Record<string, DiffMark> {
  return Object.fromEntries([...diff.nodes.added.map((id) => [id, 'added'] as const), ...diff.nodes.changed.map((id) => [id, 'changed'] as const)]);
}
