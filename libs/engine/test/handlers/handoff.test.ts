import { flowBuilder, guards, messageInput, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { converse, texts } from '../support';

const flow = flowBuilder()
  .start()
  .listen('menu', { prompt: ['请问还有什么需要？'] })
  .message('fee', '包邮')
  .handoff('human', { queue: 'after_sale', priority: 'high', message: ['正在为您转接人工客服'], reason: '用户说：{{nlu.text}}' })
  .message('back', '人工客服已处理完毕')
  .chain('start', 'menu')
  .edge('menu', 'fee', { guard: guards.intent('ask_shipping_fee') })
  .edge('menu', 'human', { guard: guards.intent('request_human') })
  .edge('fee', 'menu')
  .chain('human', 'back', 'menu')
  .build();

describe('handoff node', () => {
  it('hands over with queue, priority and reason, stays silent, and continues by out on release', async () => {
    const results = await converse(flow, testPorts(), [
      messageInput('转人工', 'request_human'),
      messageInput('包邮吗', 'ask_shipping_fee'),
      { type: 'release' },
      messageInput('包邮吗', 'ask_shipping_fee'),
    ]);
    const [handed, silent, released, answered] = results;
    expect(texts(handed!)).toEqual(['正在为您转接人工客服']);
    expect(handed!.effects).toEqual([{ type: 'handoff', queue: 'after_sale', priority: 'high', reason: '用户说：转人工', nodeId: 'human' }]);
    expect(handed!.state).toMatchObject({ status: 'handed_off', nodeId: 'human' });
    expect(silent!.replies).toEqual([]);
    expect(silent!.state).toMatchObject({ status: 'handed_off', nodeId: 'human', turn: 2 });
    expect(texts(released!)).toEqual(['人工客服已处理完毕', '请问还有什么需要？']);
    expect(texts(answered!)).toEqual(['包邮', '请问还有什么需要？']);
  });

  it('ignores a release when nobody was handed off', async () => {
    const [first] = await converse(flow, testPorts(), [messageInput('在吗', 'greeting')]);
    const [release] = await converse(flow, testPorts(), [{ type: 'release' }], first!.state);
    expect(release!.state).toEqual(first!.state);
  });
});
