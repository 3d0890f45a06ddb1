import { isPortNotConfigured, validateFlow } from '@zhishou/flow-schema';
import { describe, expect, it } from 'vitest';
import { flowBuilder, guards } from './flow-builder';
import { nluResult } from './nlu-result';
import { fakeHttp, fakeImage, fakeKnowledge, flowResolver, testPorts } from './ports';

describe('flowBuilder', () => {
  it('builds a schema-valid flow that validates without issues', () => {
    const flow = flowBuilder('demo')
      .slot('price', 'money')
      .variable('floor', 80)
      .start()
      .listen('menu')
      .ask('ask_price', 'price', '多少钱？', { validation: { min: 1 } })
      .message('ok', '{{slots.price}}元可以')
      .handoff('human', { priority: 'high' })
      .end()
      .chain('start', 'menu')
      .edge('menu', 'ask_price', { guard: guards.intent('bargain'), priority: 1 })
      .edge('menu', 'end')
      .edge('ask_price', 'ok')
      .edge('ask_price', 'human', { handle: 'fail' })
      .edge('human', 'menu')
      .edge('ok', 'end')
      .global('human', guards.intent('request_human'), { node: 'human' })
      .build();
    expect(validateFlow(flow)).toEqual([]);
    expect(flow.nodes.map((node) => node.position?.x)).toEqual([0, 240, 480, 720, 960, 1200]);
    expect(flow.edges[1]).toMatchObject({ id: 'e2', guard: { type: 'intent', intents: ['bargain'] }, priority: 1 });
    expect(flow.nodes.find((node) => node.id === 'ask_price')?.config).toMatchObject({ maxAttempts: 2, skipIfFilled: true });
  });

  it('fails loudly on a config the schema refuses', () => {
    expect(() => flowBuilder().ask('a', 'bad key', '?').build()).toThrow();
  });
});

describe('nluResult', () => {
  it('fills positions and defaults', () => {
    const result = nluResult('100元卖吗', 'bargain', { slots: [{ type: 'money', value: 100, text: '100元' }], emotion: 'anxious' });
    expect(result.slots[0]).toEqual({ type: 'money', value: 100, text: '100元', start: 0, end: 4, source: 'rule' });
    expect(result.emotion).toEqual({ label: 'anxious', score: 0.9 });
    expect(result.intent).toEqual({ intent: 'bargain', confidence: 0.9 });
  });
});

describe('port fakes', () => {
  it('fake http answers from its table, records requests and plays answer lists in order', async () => {
    const http = fakeHttp({ 'GET /a': [new Error('reset'), { status: 200, body: { ok: true } }] });
    await expect(http.request({ method: 'GET', url: '/a', headers: {}, timeoutMs: 100 })).rejects.toThrow('reset');
    await expect(http.request({ method: 'GET', url: '/a', headers: {}, timeoutMs: 100 })).resolves.toEqual({ status: 200, body: { ok: true } });
    await expect(http.request({ method: 'GET', url: '/b', headers: {}, timeoutMs: 100 })).resolves.toMatchObject({ status: 404 });
    expect(http.requests.map((request) => request.url)).toEqual(['/a', '/a', '/b']);
  });

  it('fake knowledge answers above the threshold only', async () => {
    const knowledge = fakeKnowledge([{ question: '包邮吗', answer: '包邮' }]);
    await expect(knowledge.answer('这个包邮吗', { threshold: 0.6 })).resolves.toEqual({ answer: '包邮', score: 1 });
    await expect(knowledge.answer('几成新', { threshold: 0.6 })).resolves.toBeNull();
  });

  it('fake image, resolver and the default test ports', async () => {
    await expect(fakeImage({ 'img-1': { color: 'red' } }).attributes('img-1')).resolves.toEqual({ color: 'red' });
    const sub = flowBuilder('sub').start().build();
    expect(flowResolver([sub]).get('sub')).toBe(sub);
    expect(flowResolver(new Map([['other', sub]])).get('other')).toBe(sub);
    expect(flowResolver({ third: sub }).get('third')).toBe(sub);
    expect(flowResolver([sub]).get('nope')).toBeUndefined();
    const ports = testPorts();
    const error = await ports.knowledge.answer('x', { threshold: 0.5 }).catch((caught: unknown) => caught);
    expect(isPortNotConfigured(error)).toBe(true);
    await expect(ports.conditions.evaluate({ all: [{ fact: 'slots', path: '$.price', operator: 'greaterThanInclusive', value: 80 }] }, { slots: { price: 90 } })).resolves.toBe(true);
  });
});
