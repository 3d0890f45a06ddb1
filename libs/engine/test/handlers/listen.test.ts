import { flowBuilder, guards, messageInput, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { converse, texts } from '../support';

function menu(noMatch: string[] = []) {
  return flowBuilder()
    .start()
    .message('hi', '您好')
    .listen('menu', { prompt: ['还有什么问题吗？'], noMatch })
    .message('ship', '48小时内发货')
    .message('fee', '包邮')
    .message('vip', '优先处理')
    .chain('start', 'hi', 'menu')
    .edge('menu', 'ship', { guard: guards.intent('ask_ship_time') })
    .edge('menu', 'fee', { guard: guards.intent('ask_shipping_fee', 0.8) })
    .edge('menu', 'vip', { guard: guards.intent(['ask_shipping_fee', 'ask_ship_time']), priority: 5 })
    .edge('ship', 'menu')
    .edge('fee', 'menu')
    .edge('vip', 'menu')
    .settings({ fallback: ['没听懂，换个说法？'] })
    .build();
}

describe('listen node', () => {
  it('routes the first message of a new conversation by intent, by priority', async () => {
    const [first] = await converse(menu(), testPorts(), [messageInput('什么时候发货', 'ask_ship_time')]);
    expect(texts(first!)).toEqual(['您好', '优先处理', '还有什么问题吗？']);
    expect(first!.state).toMatchObject({ status: 'waiting_input', nodeId: 'menu' });
  });

  it('honours minConfidence on the guard and settings.minConfidence otherwise', async () => {
    const flow = flowBuilder()
      .start()
      .listen('menu')
      .message('fee', '包邮')
      .chain('start', 'menu')
      .edge('menu', 'fee', { guard: guards.intent('ask_shipping_fee', 0.8) })
      .edge('fee', 'menu')
      .settings({ fallback: ['没听懂'] })
      .build();
    const results = await converse(flow, testPorts(), [
      messageInput('包邮吗', 'ask_shipping_fee', { confidence: 0.7 }),
      messageInput('包邮吗', 'ask_shipping_fee', { confidence: 0.85 }),
    ]);
    expect(results.map(texts)).toEqual([['没听懂'], ['包邮']]);
  });

  it('says noMatch (else the fallback) and keeps waiting when nothing matches', async () => {
    const own = await converse(menu(['这个我不太懂']), testPorts(), [messageInput('hi', 'greeting'), messageInput('天气如何', 'out_of_scope')]);
    expect(texts(own[1]!)).toEqual(['这个我不太懂']);
    expect(own[1]!.state).toMatchObject({ status: 'waiting_input', nodeId: 'menu' });
    const fallback = await converse(menu(), testPorts(), [messageInput('天气如何', 'out_of_scope')]);
    expect(texts(fallback[0]!)).toEqual(['您好', '没听懂，换个说法？']);
  });

  it('branches on emotion and on conditions over slots', async () => {
    const flow = flowBuilder()
      .slot('price', 'money')
      .start()
      .listen('l')
      .message('calm', '别着急')
      .message('big', '大单')
      .message('other', '好的')
      .chain('start', 'l')
      .edge('l', 'calm', { guard: guards.emotion(['anxious', 'angry'], 0.6) })
      .edge('l', 'big', { guard: guards.condition({ all: [{ fact: 'slots', path: '$.price', operator: 'greaterThan', value: 1000 }] }) })
      .edge('l', 'other')
      .edge('calm', 'l')
      .edge('big', 'l')
      .edge('other', 'l')
      .build();
    const results = await converse(flow, testPorts(), [
      messageInput('快点', 'x', { emotion: { label: 'anxious', score: 0.9 } }),
      messageInput('快点', 'x', { emotion: { label: 'anxious', score: 0.3 } }),
      messageInput('2000要', 'x', { slots: [{ type: 'money', value: 2000 }] }),
    ]);
    expect(results.map(texts)).toEqual([['别着急'], ['好的'], ['大单']]);
  });
});
