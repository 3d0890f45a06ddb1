import type { Flow } from '@zhishou/flow-schema';
import { canonicalJson } from '../versioning/canonical-json';

export interface FlowDiff {
  nodes: { added: string[]; removed: string[]; changed: string[] };
  edges: { added: string[]; removed: string[]; changed: string[] };
  /** Top-level parts other than nodes and edges that differ (settings, slots, variables, name, …). */
  other: string[];
}

function diffById<T extends { id: string }>(from: readonly T[], to: readonly T[]): FlowDiff['nodes'] {
  const before = new Map(from.map((x) => [x.id, canonicalJson(x)]));
  const after = new Map(to.map((x) => [x.id, canonicalJson(x)]));
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed: [...after.entries()].filter(([id, json]) => before.has(id) && before.get(id) !== json).map(([id]) => id),
  };
}

/** Which nodes and edges were added, removed or changed between two versions of a flow. */
export function diffFlows(from: Flow, to: Flow): FlowDiff {
  const keys = new Set([...Object.keys(from), ...Object.keys(to)].filter((k) => k !== 'nodes' && k !== 'edges'));
  const other = [...keys]
    .filter((k) => canonicalJson((from as Record<string, unknown>)[k]) !== canonicalJson((to as Record<string, unknown>)[k]))
    .sort();
  return { nodes: diffById(from.nodes, to.nodes), edges: diffById(from.edges, to.edges), other };
}
