import { describe, expect, it } from 'vitest';
import { formatRoute, parseHash, type Route } from './routes';

describe('routes', () => {
  const cases: Array<[string, Route]> = [
    ['#/login', { name: 'login' }],
    ['#/bots', { name: 'bots' }],
    ['#/inbox', { name: 'inbox' }],
    ['#/bots/xianyu/nlu', { name: 'bot', bot: 'xianyu', tab: 'nlu', query: {} }],
    ['#/bots/xianyu/versions?flow=main', { name: 'bot', bot: 'xianyu', tab: 'versions', query: { flow: 'main' } }],
    ['#/bots/xianyu/flows/pre_sale', { name: 'flow', bot: 'xianyu', flow: 'pre_sale' }],
    ['#/bots/xianyu/flows/pre_sale/versions/3', { name: 'flow', bot: 'xianyu', flow: 'pre_sale', version: 3 }],
  ];

  it.each(cases)('parses and formats %s both ways', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
    expect(formatRoute(route)).toBe(hash);
  });

  it('opens a bot on its flows and the root on the bot list', () => {
    expect(parseHash('#/bots/xianyu')).toEqual({ name: 'bot', bot: 'xianyu', tab: 'flows', query: {} });
    expect(parseHash('')).toEqual({ name: 'bots' });
  });

  it('reports unknown paths instead of guessing', () => {
    expect(parseHash('#/bots/xianyu/unknown')).toEqual({ name: 'notFound', path: '/bots/xianyu/unknown' });
    expect(parseHash('#/bots/xianyu/flows/main/versions/x').name).toBe('notFound');
  });

  it('keeps the page to return to after login', () => {
    const route: Route = { name: 'login', next: '#/bots/xianyu/nlu' };
    expect(parseHash(formatRoute(route))).toEqual(route);
  });
});
