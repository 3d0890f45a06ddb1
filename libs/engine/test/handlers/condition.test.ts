import { flowBuilder, messageInput, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { converse, texts } from '../support';

function floorFlow(condition: Parameters<ReturnType<typeof flowBuilder>['condition']>[1]) {
  return flowBuilder()
    .slot('price', 'money')
    .variable('floor', 80)
    .start()
    .ask('price', 'price', '多少？')
    .condition('check', condition)
    .end('yes', { message: ['成交'] })
    .end('no', { message: ['太低了'] })
    .chain('start', 'price', 'check')
    .edge('price', 'no', { handle: 'fail' })
    .edge('check', 'yes', { handle: 'true' })
    .edge('check', 'no', { handle: 'false' })
    .build();
}

describe('condition node', () => {
  const atLeastFloor = { all: [{ fact: 'slots', path: '$.price', operator: 'greaterThanInclusive', value: { fact: 'vars', path: '$.floor' } }] };

  it('compares a slot with a variable through the real condition evaluator', async () => {
    const high = await converse(floorFlow(atLeastFloor), testPorts(), [messageInput('80', 'bargain', { slots: [{ type: 'money', value: 80 }] })]);
    const low = await converse(floorFlow(atLeastFloor), testPorts(), [messageInput('79', 'bargain', { slots: [{ type: 'money', value: 79 }] })]);
    expect(texts(high[0]!)).toEqual(['成交']);
    expect(texts(low[0]!)).toEqual(['太低了']);
  });

  it('takes false and traces the reason when the condition cannot be evaluated', async () => {
    const broken = { all: [{ fact: 'slots', path: '$.price', operator: 'noSuchOperator', value: 1 }] };
    const [result] = await converse(floorFlow(broken), testPorts(), [messageInput('80', 'bargain', { slots: [{ type: 'money', value: 80 }] })]);
    expect(texts(result!)).toEqual(['太低了']);
    expect(result!.trace).toContainEqual(expect.objectContaining({ nodeId: 'check', event: 'error', detail: expect.stringContaining('noSuchOperator') }));
  });

  it('reads the NLU result and the turn clock as facts', async () => {
    const flow = floorFlow({ all: [{ fact: 'nlu', path: '$.intent.intent', operator: 'equal', value: 'bargain' }] });
    const [result] = await converse(flow, testPorts(), [messageInput('80', 'bargain', { slots: [{ type: 'money', value: 80 }] })]);
    expect(texts(result!)).toEqual(['成交']);
  });
});
