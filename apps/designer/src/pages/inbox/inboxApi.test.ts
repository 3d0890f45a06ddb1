import { describe, expect, it } from 'vitest';
import { byPriority, readHandoff, readMessages } from './inboxApi';

describe('inbox', () => {
  it('orders handoffs by priority, then by waiting time', () => {
    const h = (id: string, priority: string, createdAt: string) => readHandoff({ id, botKey: 'b', conversationId: 'c', priority, createdAt });
    const sorted = [h('a', 'normal', '2026-01-01T10:00:00Z'), h('b', 'urgent', '2026-01-01T11:00:00Z'), h('c', 'normal', '2026-01-01T09:00:00Z'), h('d', 'low', '2026-01-01T08:00:00Z')].sort(byPriority);
    expect(sorted.map((x) => x.id)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('prefers the external conversation id for transcript links', () => {
    expect(readHandoff({ id: '1', botKey: 'xianyu', conversationId: 'uuid', externalId: 'buyer-42' }).conversation).toBe('buyer-42');
  });

  it('reads a transcript in sequence order', () => {
    expect(readMessages([{ seq: 2, role: 'bot', text: '您好' }, { seq: 1, role: 'user', text: '在吗' }]).map((m) => m.text)).toEqual(['在吗', '您好']);
  });
});
