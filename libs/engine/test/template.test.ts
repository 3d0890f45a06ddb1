import { describe, expect, it } from 'vitest';
import { chooseVariant, renderTemplate, renderValue, type TemplateScope } from '../src';

const scope: TemplateScope = {
  slots: { price: 120, name: '小王' },
  vars: { order: { status: 200, body: { items: [{ title: '相机' }] } }, empty: null },
  nlu: { intent: 'bargain', emotion: 'neutral' },
};

describe('templates', () => {
  it('renders slots, nested variables, array indexes and NLU fields', () => {
    expect(renderTemplate('{{slots.name}}出价{{slots.price}}元，买{{vars.order.body.items.0.title}}（{{nlu.intent}}/{{nlu.emotion}}）', scope)).toBe('小王出价120元，买相机（bargain/neutral）');
  });

  it('renders missing values as empty strings and objects as JSON', () => {
    expect(renderTemplate('[{{slots.nope}}][{{vars.empty}}][{{vars.order.body.items.0}}]', scope)).toBe('[][][{"title":"相机"}]');
  });

  it('evaluates nothing and never reaches prototypes', () => {
    expect(renderTemplate('{{slots.constructor}}{{vars.__proto__}}{{process.env.HOME}}{{slots.price.toString}}', scope)).toBe('');
    expect(renderTemplate('{{ slots.price * 2 }}', scope)).toBe('{{ slots.price * 2 }}');
  });

  it('keeps the type of a single-placeholder value', () => {
    expect(renderValue('{{slots.price}}', scope)).toBe(120);
    expect(renderValue('¥{{slots.price}}', scope)).toBe('¥120');
    expect(renderValue('{{slots.nope}}', scope)).toBeNull();
  });

  it('picks variants deterministically', () => {
    expect(chooseVariant(['a', 'b', 'c'], 3, 'n')).toBe(chooseVariant(['a', 'b', 'c'], 3, 'n'));
    expect(chooseVariant([], 3, 'n')).toBeUndefined();
  });
});
