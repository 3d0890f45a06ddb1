/** The order the conversation is about: the first filled slot whose key names an order (order_id, orderNo, …). */
export function orderIdFrom(slots: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(slots)) {
    if (!/order/i.test(key)) continue;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return null;
}

/** A slot value in words for the agent: text and numbers as they are, anything else as compact JSON. */
export function slotText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}
