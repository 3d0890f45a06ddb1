import { flowBuilder, messageInput, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { converse, texts } from '../support';

const money = (value: number, text = `${value}`) => ({ slots: [{ type: 'money', value, text }] });

function priceFlow(skipIfFilled = true) {
  return flowBuilder()
    .slot('price', 'money')
    .start()
    .listen('menu')
    .ask('price', 'price', '您出多少？', { reprompt: ['请说一个50到500之间的价格'], validation: { min: 50, max: 500 }, maxAttempts: 2, skipIfFilled })
    .message('ok', '{{slots.price}}元收到')
    .message('fail', '那我帮您转人工吧')
    .end('bye')
    .chain('start', 'menu', 'price', 'ok', 'bye')
    .edge('price', 'fail', { handle: 'fail' })
    .edge('fail', 'bye')
    .build();
}

describe('ask node', () => {
  it('asks, re-asks on invalid answers, then fills the slot', async () => {
    const results = await converse(priceFlow(), testPorts(), [
      messageInput('能便宜吗', 'bargain'),
      messageInput('便宜点', 'bargain'),
      messageInput('30', 'bargain', money(30)),
      messageInput('200', 'bargain', money(200)),
    ]);
    expect(results.map(texts)).toEqual([['您出多少？'], ['请说一个50到500之间的价格'], ['请说一个50到500之间的价格'], ['200元收到']]);
    expect(results[2]!.state.attempts).toEqual({ price: 2 });
    expect(results[3]!.state).toMatchObject({ status: 'ended', slots: { price: 200 }, attempts: {} });
  });

  it('takes the fail handle after maxAttempts re-asks', async () => {
    const results = await converse(priceFlow(), testPorts(), [
      messageInput('在吗', 'greeting'),
      messageInput('a', 'bargain'),
      messageInput('b', 'bargain'),
      messageInput('c', 'bargain'),
    ]);
    expect(results.map(texts)).toEqual([['您出多少？'], ['请说一个50到500之间的价格'], ['请说一个50到500之间的价格'], ['那我帮您转人工吧']]);
    expect(results[3]!.trace).toContainEqual(expect.objectContaining({ nodeId: 'price', event: 'edge', detail: 'fail' }));
  });

  it('skips the question when the message that led here already said the price', async () => {
    const [result] = await converse(priceFlow(), testPorts(), [messageInput('100元卖吗', 'bargain', money(100, '100元'))]);
    expect(texts(result!)).toEqual(['100元收到']);
  });

  it('asks again when skipIfFilled is off, and a prefilled but invalid value is asked for', async () => {
    const [asked] = await converse(priceFlow(false), testPorts(), [messageInput('100元卖吗', 'bargain', money(100))]);
    expect(texts(asked!)).toEqual(['您出多少？']);
    const [invalid] = await converse(priceFlow(), testPorts(), [messageInput('10元卖吗', 'bargain', money(10))]);
    expect(texts(invalid!)).toEqual(['您出多少？']);
  });

  it('validates text slots with a regex', async () => {
    const flow = flowBuilder()
      .slot('phone')
      .start()
      .ask('phone', 'phone', '手机号？', { validation: { regex: '^1\\d{10}$' } })
      .end('bye', { message: ['记下了{{slots.phone}}'] })
      .chain('start', 'phone', 'bye')
      .edge('phone', 'bye', { handle: 'fail' })
      .build();
    const results = await converse(flow, testPorts(), [messageInput('hi', 'greeting'), messageInput('12345', 'x'), messageInput('13800138000', 'x')]);
    expect(results.map(texts)).toEqual([['手机号？'], ['手机号？'], ['记下了13800138000']]);
  });
});
