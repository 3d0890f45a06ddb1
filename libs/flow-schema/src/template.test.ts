import { describe, expect, it } from 'vitest';
import { replacePlaceholders, soleTemplatePlaceholder, templatePlaceholders } from './template';

describe('templates', () => {
  it('finds placeholders with their paths', () => {
    expect(templatePlaceholders('价格{{ slots.price }}元，订单{{vars.order.body.status}}').map((found) => [found.root, found.path])).toEqual([
      ['slots', ['price']],
      ['vars', ['order', 'body', 'status']],
    ]);
  });

  it('ignores anything that is not a plain path', () => {
    expect(templatePlaceholders('{{ constructor.constructor("x")() }} {{1+1}} {{}}')).toEqual([]);
  });

  it('replaces placeholders and keeps the rest', () => {
    expect(replacePlaceholders('a{{slots.x}}b{{vars.y}}c', (found) => found.path.join('.').toUpperCase())).toBe('aXbYc');
  });

  it('recognises a template that is a single placeholder', () => {
    expect(soleTemplatePlaceholder('{{vars.floor}}')?.path).toEqual(['floor']);
    expect(soleTemplatePlaceholder('x{{vars.floor}}')).toBeNull();
  });
});
