import { describe, expect, it } from 'vitest';
import { publishBlockReason } from './publishGate';

describe('publishBlockReason', () => {
  const ok = { canPublish: true, loading: false, errorCount: 0, note: 'first release' };
  it('lets a publisher publish a valid draft with a note', () => expect(publishBlockReason(ok)).toBeNull());
  it('blocks roles that may not publish first', () => expect(publishBlockReason({ ...ok, canPublish: false, errorCount: 3 })).toBe('role'));
  it('blocks while validation errors exist', () => expect(publishBlockReason({ ...ok, errorCount: 1 })).toBe('errors'));
  it('asks for a note', () => expect(publishBlockReason({ ...ok, note: '   ' })).toBe('note'));
});
