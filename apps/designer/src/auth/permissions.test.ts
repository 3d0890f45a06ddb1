import { describe, expect, it } from 'vitest';
import { can } from './permissions';

describe('permissions', () => {
  it('follows the role ladder', () => {
    expect(can('admin', 'apikey.manage')).toBe(true);
    expect(can('publisher', 'flow.publish')).toBe(true);
    expect(can('editor', 'flow.edit')).toBe(true);
    expect(can('editor', 'flow.publish')).toBe(false);
    expect(can('viewer', 'flow.edit')).toBe(false);
    expect(can('agent', 'inbox.use')).toBe(true);
    expect(can('agent', 'flow.edit')).toBe(false);
    expect(can(undefined, 'flow.edit')).toBe(false);
  });
});
