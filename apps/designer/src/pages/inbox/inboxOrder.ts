import type { Handoff, HandoffPriority } from '@zhishou/flow-schema';

const RANK: Record<HandoffPriority, number> = { urgent: 3, high: 2, normal: 1, low: 0 };

/** Agents take the most urgent first, and among equals the one waiting longest. */
export function byPriority(a: Handoff, b: Handoff): number {
  return RANK[b.priority] - RANK[a.priority] || a.createdAt.localeCompare(b.createdAt);
}
