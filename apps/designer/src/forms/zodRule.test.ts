import { describe, expect, it } from 'vitest';
import { durationSchema, keySchema } from '@zhishou/flow-schema';
import { zodRule } from './zodRule';

describe('zodRule', () => {
  it('passes valid values and rejects invalid ones with the schema message', async () => {
    const rule = zodRule(keySchema);
    await expect(rule.validator({}, 'price_max')).resolves.toBeUndefined();
    await expect(rule.validator({}, '1price')).rejects.toThrow(/keys start with a letter/);
  });

  it('leaves empty values to the required rule unless told otherwise', async () => {
    await expect(zodRule(durationSchema).validator({}, '')).resolves.toBeUndefined();
    await expect(zodRule(durationSchema, { skipEmpty: false }).validator({}, '')).rejects.toThrow();
  });
});
