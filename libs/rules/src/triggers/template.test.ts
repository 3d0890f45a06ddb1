import { describe, expect, it } from 'vitest';
import { compileTemplate, renderTemplate } from './template';

const scope = { rule: { id: 'r1' }, event: { subject: { orderId: 'o 1' }, data: { price: 12.5, tags: ['a'] } }, slots: { name: '小"王"' } };

describe('rule templates', () => {
  it('renders nested paths as text; missing values are empty', () => {
    expect(renderTemplate('{{rule.id}}:{{event.subject.orderId}} ¥{{event.data.price}} {{event.data.missing}}!', scope)).toBe('r1:o 1 ¥12.5 !');
    expect(renderTemplate('{{event.data.tags}}', scope)).toBe('["a"]');
  });
  it('escapes for JSON string bodies and URLs', () => {
    expect(JSON.parse(`{"n":"${renderTemplate('{{slots.name}}', scope, 'json')}"}`)).toEqual({ n: '小"王"' });
    expect(renderTemplate('/orders/{{event.subject.orderId}}', scope, 'url')).toBe('/orders/o%201');
  });
  it('never reads inherited properties', () => {
    expect(compileTemplate('{{rule.constructor}}')(scope)).toBe('');
  });
});
