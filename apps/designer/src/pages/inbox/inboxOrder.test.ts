import { handoffSchema, type Handoff } from '@zhishou/flow-schema';
import { describe, expect, it } from 'vitest';
import { byPriority } from './inboxOrder';

const handoff = (id: string, priority: Handoff['priority'], createdAt: string): Handoff =>
  handoffSchema.parse({
    id: `00000000-0000-4000-8000-00000000000${id}`,
    botKey: 'b',
    externalId: `buyer-${id}`,
    queue: 'default',
    priority,
    reason: null,
    status: 'open',
    claimedBy: null,
    claimedAt: null,
    releasedAt: null,
    createdAt,
  });

describe('inbox order', () => {
  it('orders handoffs by priority, then by waiting time', () => {
    const sorted = [handoff('1', 'normal', '2026-01-01T10:00:00Z'), handoff('2', 'urgent', '2026-01-01T11:00:00Z'), handoff('3', 'normal', '2026-01-01T09:00:00Z'), handoff('4', 'low', '2026-01-01T08:00:00Z')].sort(byPriority);
    expect(sorted.map((x) => x.externalId)).toEqual(['buyer-2', 'buyer-3', 'buyer-1', 'buyer-4']);
  });
});
