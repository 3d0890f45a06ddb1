import type { ConversationState } from '@zhishou/flow-schema';
import { flowBuilder, flowResolver, guards, messageInput, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { initialState, step } from '../src';
import { converse, NOW, texts } from './support';

const topic = flowBuilder('logistics')
  .slot('order_id', 'order_id')
  .start()
  .ask('id', 'order_id', '请发一下订单号')
  .end('done', { message: ['订单{{slots.order_id}}已发货'] })
  .chain('start', 'id', 'done')
  .edge('id', 'done', { handle: 'fail' })
  .build();

const main = flowBuilder('main')
  .slot('price', 'money')
  .start()
  .listen('menu', { prompt: ['还有什么可以帮您？'] })
  .ask('price', 'price', '您出多少？')
  .message('ok', '收到')
  .wait('silence', '5m')
  .handoff('human', { message: ['转人工中'] })
  .handoff('urgent', { priority: 'urgent', message: ['非常抱歉，马上为您转接'] })
  .chain('start', 'menu')
  .edge('menu', 'price', { guard: guards.intent('bargain') })
  .edge('menu', 'silence', { guard: guards.intent('thanks') })
  .edge('price', 'ok')
  .edge('price', 'menu', { handle: 'fail' })
  .edge('ok', 'menu')
  .edge('silence', 'menu')
  .edge('silence', 'menu', { handle: 'timeout' })
  .edge('human', 'menu')
  .edge('urgent', 'menu')
  .global('g_human', guards.intent('request_human'), { node: 'human' })
  .global('g_angry', guards.emotion(['angry'], 0.7), { node: 'urgent' }, 10)
  .global('g_logistics', guards.intent('logistics_query'), { flow: 'logistics' })
  .build();

const ports = () => testPorts({ flows: flowResolver([topic]) });

describe('step', () => {
  it('starts a new conversation from start when state is null', async () => {
    const result = await step(main, null, messageInput('在吗', 'greeting'), ports(), { now: NOW });
    expect(result.state).toMatchObject({ flowKey: 'main', status: 'waiting_input', nodeId: 'menu', turn: 1 });
    expect(result.trace.map((entry) => `${entry.nodeId}:${entry.event}`)).toEqual(['start:enter', 'start:edge', 'menu:enter', 'menu:wait']);
  });

  it('never mutates the state it is given', async () => {
    const [first] = await converse(main, ports(), [messageInput('能便宜吗', 'bargain')]);
    const before: ConversationState = structuredClone(first!.state);
    const frozen = deepFreeze(structuredClone(first!.state));
    await step(main, frozen, messageInput('100', 'x', { slots: [{ type: 'money', value: 100 }] }), ports(), { now: NOW });
    expect(frozen).toEqual(before);
  });

  it('fires a global transition at a waiting node before its own edges', async () => {
    const [asked, handed] = await converse(main, ports(), [messageInput('能便宜吗', 'bargain'), messageInput('转人工', 'request_human')]);
    expect(texts(asked!)).toEqual(['您出多少？']);
    expect(texts(handed!)).toEqual(['转人工中']);
    expect(handed!.trace).toContainEqual(expect.objectContaining({ nodeId: 'price', event: 'global', detail: 'g_human' }));
    expect(handed!.effects).toEqual([{ type: 'handoff', queue: 'default', priority: 'normal', nodeId: 'human' }]);
  });

  it('orders global transitions by priority: anger wins over the words', async () => {
    const [result] = await converse(main, ports(), [messageInput('转人工！！', 'request_human', { emotion: { label: 'angry', score: 0.95 } })]);
    expect(result!.effects).toEqual([{ type: 'handoff', queue: 'default', priority: 'urgent', nodeId: 'urgent' }]);
  });

  it('cancels a pending timer when a global transition fires from the following node', async () => {
    const [thanked, angry] = await converse(main, ports(), [messageInput('谢谢', 'thanks'), messageInput('气死了', 'complaint', { emotion: { label: 'angry', score: 0.9 } })]);
    expect(thanked!.state.status).toBe('waiting_timer');
    expect(angry!.effects).toEqual([
      { type: 'cancel_timer', timerId: 't1-silence' },
      { type: 'handoff', queue: 'default', priority: 'urgent', nodeId: 'urgent' },
    ]);
  });

  it('a global transition to another flow runs it and returns to the interrupted node', async () => {
    const results = await converse(main, ports(), [
      messageInput('能便宜吗', 'bargain'),
      messageInput('我的快递到哪了', 'logistics_query'),
      messageInput('订单 A100', 'x', { slots: [{ type: 'order_id', value: 'A100' }] }),
    ]);
    expect(texts(results[1]!)).toEqual(['请发一下订单号']);
    expect(results[1]!.state).toMatchObject({ flowKey: 'logistics', stack: [{ flowKey: 'main', nodeId: 'price' }] });
    expect(texts(results[2]!)).toEqual(['订单A100已发货', '您出多少？']);
    expect(results[2]!.state).toMatchObject({ flowKey: 'main', nodeId: 'price', stack: [] });
  });

  it('a global transition fills slots from the message it consumes', async () => {
    const [result] = await converse(main, ports(), [messageInput('订单A7到哪了', 'logistics_query', { slots: [{ type: 'order_id', value: 'A7' }] })]);
    expect(texts(result!)).toEqual(['订单A7已发货', '还有什么可以帮您？']);
  });

  it('the loop guard stops a turn, keeps the previous state and says the fallback', async () => {
    const looping = flowBuilder('loop')
      .variable('n', 0)
      .start()
      .listen('l')
      .set('inc', [{ key: 'n', op: 'increment', value: 1 }])
      .message('m', '第{{vars.n}}次')
      .chain('start', 'l')
      .edge('l', 'inc', { guard: guards.intent('go') })
      .edge('inc', 'm')
      .edge('m', 'inc')
      .settings({ maxStepsPerTurn: 20, fallback: ['系统繁忙'] })
      .build();
    const [first, second] = await converse(looping, testPorts(), [messageInput('hi', 'greeting'), messageInput('go', 'go')]);
    expect(second!.replies.map((reply) => reply.text)).toEqual(['系统繁忙']);
    expect(second!.effects).toEqual([]);
    expect(second!.state).toEqual({ ...first!.state, turn: 2, lastNlu: second!.state.lastNlu });
    expect(second!.state.vars).toEqual({ n: 0 });
    expect(second!.trace.at(-1)).toMatchObject({ event: 'loop_guard', detail: 'stopped after 20 steps' });
  });

  it('a subflow without a start node aborts the turn cleanly instead of throwing', async () => {
    const broken = flowBuilder('logistics').message('m', '?').build();
    const brokenPorts = testPorts({ flows: flowResolver([broken]) });
    const [first] = await converse(main, brokenPorts, [messageInput('在吗', 'greeting')]);
    const [result] = await converse(main, brokenPorts, [messageInput('快递到哪了', 'logistics_query')], first!.state);
    expect(result!.state).toEqual({ ...first!.state, turn: 2, lastNlu: result!.state.lastNlu });
    expect(texts(result!)).toEqual(['抱歉，我这边出了点问题，请稍后再试或输入“转人工”。']);
    expect(result!.trace.at(-1)).toMatchObject({ event: 'error', detail: 'flow "logistics" has no start node' });
  });

  it('an event starts the flow from its start node, keeping slots', async () => {
    const [asked] = await converse(main, ports(), [messageInput('100卖吗', 'bargain', { slots: [{ type: 'money', value: 100 }] })]);
    const result = await step(main, asked!.state, { type: 'event', event: { type: 'order.paid' } }, ports(), { now: NOW });
    expect(result.state).toMatchObject({ nodeId: 'menu', slots: { price: 100 } });
    expect(texts(result)).toEqual(['还有什么可以帮您？']);
  });

  it('initialState applies variable defaults', () => {
    expect(initialState(flowBuilder('v').variable('floor', 80).variable('x').start().build())).toMatchObject({ vars: { floor: 80 }, status: 'active', nodeId: null, turn: 0 });
  });

  it('results are plain JSON', async () => {
    const [result] = await converse(main, ports(), [messageInput('谢谢', 'thanks')]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
