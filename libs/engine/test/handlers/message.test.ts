import { flowBuilder, messageInput, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { converse, texts } from '../support';

describe('message node', () => {
  it('says a rendered variant with quick replies and moves on', async () => {
    const flow = flowBuilder()
      .slot('name')
      .start()
      .ask('name', 'name', '怎么称呼您？')
      .message('hi', ['{{slots.name}}您好{{slots.missing}}！'], { quickReplies: ['还在吗'], imageUrl: '/img/{{slots.name}}.png' })
      .listen('menu')
      .chain('start', 'name', 'hi', 'menu')
      .edge('name', 'menu', { handle: 'fail' })
      .build();
    const [first, second] = await converse(flow, testPorts(), [messageInput('在吗', 'greeting'), messageInput('小王', 'out_of_scope')]);
    // The first message is consumed by the ask (a text slot takes the whole message).
    expect(texts(first!)).toEqual(['在吗您好！']);
    expect(first!.replies[0]).toMatchObject({ quickReplies: ['还在吗'], imageUrl: '/img/在吗.png', nodeId: 'hi' });
    expect(first!.state).toMatchObject({ status: 'waiting_input', nodeId: 'menu', slots: { name: '在吗' } });
    expect(texts(second!)).toEqual([]);
  });

  it('chooses among variants deterministically by turn and node', async () => {
    const flow = flowBuilder().start().message('hi', ['A', 'B', 'C', 'D']).listen('l').chain('start', 'hi', 'l').edge('l', 'hi').build();
    const inputs = Array.from({ length: 12 }, () => messageInput('x', 'greeting'));
    const once = (await converse(flow, testPorts(), inputs)).map((result) => texts(result).join());
    const again = (await converse(flow, testPorts(), inputs)).map((result) => texts(result).join());
    expect(once).toEqual(again);
    expect(new Set(once).size).toBeGreaterThan(1);
  });
});
