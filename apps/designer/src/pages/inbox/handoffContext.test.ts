import { describe, expect, it } from 'vitest';
import { orderIdFrom, slotText } from './handoffContext';

describe('handoff context', () => {
  it('finds the order id among the slots by its key, skipping empty values', () => {
    expect(orderIdFrom({ item_id: 'I1', order_id: ' XY20261125000123 ' })).toBe('XY20261125000123');
    expect(orderIdFrom({ orderNo: 2026112500012 })).toBe('2026112500012');
    expect(orderIdFrom({ order_id: '', price: 80 })).toBeNull();
    expect(orderIdFrom({})).toBeNull();
  });

  it('puts slot values in words', () => {
    expect(slotText('耳机')).toBe('耳机');
    expect(slotText(80)).toBe('80');
    expect(slotText({ amount: 80 })).toBe('{"amount":80}');
  });
});
