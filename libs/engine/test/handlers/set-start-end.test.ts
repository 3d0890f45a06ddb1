import { flowBuilder, messageInput, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { converse, texts } from '../support';

describe('set node', () => {
  it('assigns, increments, copies typed values and clears', async () => {
    const flow = flowBuilder()
      .slot('price', 'money')
      .variable('rounds', 0)
      .variable('floor', 80)
      .start()
      .set('s', [
        { key: 'rounds', op: 'increment', value: 1 },
        { key: 'offer', value: '{{vars.floor}}' },
        { key: 'label', value: '底价{{vars.floor}}元' },
        { key: 'meta', value: { tries: 1 } },
        { scope: 'slots', key: 'price', value: 99 },
        { key: 'floor', op: 'clear' },
      ])
      .listen('first')
      .listen('l')
      .chain('start', 'first', 's', 'l')
      .edge('l', 's')
      .build();
    const results = await converse(flow, testPorts(), [messageInput('a', 'x'), messageInput('b', 'x')]);
    expect(results[0]!.state.vars).toEqual({ rounds: 1, offer: 80, label: '底价80元', meta: { tries: 1 } });
    expect(results[0]!.state.slots).toEqual({ price: 99 });
    expect(results[1]!.state.vars).toMatchObject({ rounds: 2, offer: null, label: '底价元' });
  });
});

describe('start and end nodes', () => {
  it('ends with the outcome, says the end message and emits the end effect', async () => {
    const flow = flowBuilder().start().end('bye', { outcome: 'abandoned', message: ['再见'] }).chain('start', 'bye').build();
    const [result] = await converse(flow, testPorts(), [messageInput('hi', 'greeting')]);
    expect(texts(result!)).toEqual(['再见']);
    expect(result!.state).toMatchObject({ status: 'ended', nodeId: null, outcome: 'abandoned' });
    expect(result!.effects).toEqual([{ type: 'end', outcome: 'abandoned' }]);
  });

  it('a dead end ends the flow and is traced', async () => {
    const flow = flowBuilder().start().message('m', '你好').chain('start', 'm').build();
    const [result] = await converse(flow, testPorts(), [messageInput('hi', 'greeting')]);
    expect(result!.state.status).toBe('ended');
    expect(result!.trace).toContainEqual(expect.objectContaining({ nodeId: 'm', event: 'error', detail: 'no edge for handle "out": the flow ends here' }));
  });

  it('a new message after the end starts the conversation again', async () => {
    const flow = flowBuilder().start().message('hi', '您好').listen('l').end('bye', { message: ['再见'] }).chain('start', 'hi', 'l', 'bye').build();
    const results = await converse(flow, testPorts(), [messageInput('在吗', 'greeting'), messageInput('在吗', 'greeting')]);
    expect(results.map(texts)).toEqual([['您好', '再见'], ['您好', '再见']]);
    expect(results[1]!.state.turn).toBe(2);
  });
});
