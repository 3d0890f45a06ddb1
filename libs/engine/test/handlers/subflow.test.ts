import { flowBuilder, flowResolver, guards, messageInput, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { converse, texts } from '../support';

const bargain = flowBuilder('bargain')
  .slot('price', 'money')
  .variable('floor', 80)
  .start()
  .ask('price', 'price', '您出多少？')
  .condition('ok', { all: [{ fact: 'slots', path: '$.price', operator: 'greaterThanInclusive', value: { fact: 'vars', path: '$.floor' } }] })
  .end('deal', { message: ['{{slots.price}}元成交'] })
  .end('nodeal', { message: ['最低{{vars.floor}}元'] })
  .chain('start', 'price', 'ok')
  .edge('price', 'nodeal', { handle: 'fail' })
  .edge('ok', 'deal', { handle: 'true' })
  .edge('ok', 'nodeal', { handle: 'false' })
  .build();

const main = flowBuilder('main')
  .start()
  .listen('menu', { prompt: ['还有什么问题？'] })
  .subflow('call', 'bargain')
  .message('after', '砍价结束')
  .chain('start', 'menu')
  .edge('menu', 'call', { guard: guards.intent('bargain') })
  .chain('call', 'after', 'menu')
  .build();

describe('subflow node', () => {
  it('pushes a frame, runs the subflow, and continues on the caller out handle when it ends', async () => {
    const ports = testPorts({ flows: flowResolver([bargain]) });
    const [asked, done] = await converse(main, ports, [messageInput('能便宜吗', 'bargain'), messageInput('90', 'x', { slots: [{ type: 'money', value: 90 }] })]);
    expect(texts(asked!)).toEqual(['您出多少？']);
    expect(asked!.state).toMatchObject({ flowKey: 'bargain', nodeId: 'price', stack: [{ flowKey: 'main', nodeId: 'call' }], vars: { floor: 80 } });
    expect(texts(done!)).toEqual(['90元成交', '砍价结束', '还有什么问题？']);
    expect(done!.state).toMatchObject({ flowKey: 'main', nodeId: 'menu', stack: [], status: 'waiting_input' });
    expect(done!.effects).toEqual([]);
  });

  it('traces an unknown subflow and goes on by out', async () => {
    const [result] = await converse(main, testPorts(), [messageInput('能便宜吗', 'bargain')]);
    expect(texts(result!)).toEqual(['砍价结束', '还有什么问题？']);
    expect(result!.trace).toContainEqual(expect.objectContaining({ nodeId: 'call', event: 'error', detail: 'unknown subflow "bargain"' }));
  });
});
