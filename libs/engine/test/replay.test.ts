import { testCaseSchema, type TestCaseInput } from '@zhishou/flow-schema';
import { flowBuilder, guards, nluResult, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { describeFailures, replayTestCase } from '../src';

const flow = flowBuilder('main')
  .slot('price', 'money')
  .start()
  .listen('menu')
  .ask('price', 'price', '您出多少？')
  .message('ok', '{{slots.price}}元收到')
  .wait('silence', '5m')
  .message('nudge', '还在吗？')
  .handoff('human', { message: ['转人工中'], queue: 'presale' })
  .chain('start', 'menu')
  .edge('menu', 'price', { guard: guards.intent('bargain') })
  .edge('price', 'ok')
  .edge('price', 'menu', { handle: 'fail' })
  .edge('ok', 'silence')
  .edge('silence', 'menu')
  .edge('silence', 'nudge', { handle: 'timeout' })
  .edge('nudge', 'menu')
  .edge('human', 'menu')
  .global('g_human', guards.intent('request_human'), { node: 'human' })
  .build();

/** A tiny keyword NLU standing in for the baseline matcher. */
function analyze(text: string) {
  if (text.includes('人工')) return nluResult(text, 'request_human');
  const price = /(\d+)/.exec(text);
  if (price) return nluResult(text, 'offer', { slots: [{ type: 'money', value: Number(price[1]), text: price[1] }] });
  return nluResult(text, text.includes('便宜') ? 'bargain' : 'other');
}

const replay = (input: TestCaseInput) => replayTestCase(flow, testCaseSchema.parse(input), { ports: testPorts(), analyze });

describe('replayTestCase', () => {
  it('passes a conversation whose every expectation holds, timers and release included', async () => {
    const result = await replay({
      name: 'bargain, nudge, human',
      turns: [
        { user: '能便宜点吗', expect: { intent: 'bargain', replies: ['您出多少'], node: 'price', status: 'waiting_input' } },
        { user: '100', expect: { replies: ['100元收到'], slots: { price: 100 }, status: 'waiting_timer', effects: ['schedule_timer'] } },
        { timer: 'stale', expect: { replies: [], node: 'silence' } },
        { timer: 'pending', expect: { replies: ['还在吗'], node: 'menu' } },
        { user: '转人工', expect: { status: 'handed_off', handoff: { queue: 'presale', priority: 'normal' }, effects: ['handoff'] } },
        { release: true, expect: { node: 'menu', status: 'waiting_input' } },
      ],
    });
    expect(describeFailures(result)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.turns[1]?.actual).toEqual({ replies: ['100元收到'], node: 'silence', flow: 'main', slots: { price: 100 }, status: 'waiting_timer', intent: 'offer' });
    expect(result.turns.map((t) => t.user)).toEqual(['能便宜点吗', '100', '[timer stale]', '[timer pending]', '转人工', '[release]']);
  });

  it('fails with what was expected and what happened, per turn, and keeps replaying', async () => {
    const result = await replay({
      name: 'wrong expectations',
      turns: [
        { user: '能便宜点吗', expect: { intent: 'greeting', node: 'menu' } },
        { user: '100', expect: { replies: ['99元收到'], slots: { price: 99, other: null } } },
        { user: '你好', expect: { replies: ['a', 'b'], contains: ['包邮'] } },
      ],
    });
    expect(result.passed).toBe(false);
    expect(result.turns).toHaveLength(3);
    expect(result.turns[0]?.failures).toEqual([
      { what: 'intent', expected: 'greeting', actual: 'bargain' },
      { what: 'node', expected: 'menu', actual: 'price' },
    ]);
    expect(result.turns[1]?.failures).toEqual([
      { what: 'reply 1', expected: '99元收到', actual: '100元收到' },
      { what: 'slot price', expected: 99, actual: 100 },
    ]);
    expect(result.turns[2]?.failures.map((f) => f.what)).toEqual(['replies', 'contains']);
    expect(describeFailures(result)[0]).toBe('turn 1 "能便宜点吗": intent: expected "greeting", got "bargain"');
    expect(describeFailures(result)[3]).toBe('turn 2 "100": slot price: expected 99, got 100');
  });

  it('stops at a turn that cannot run (no pending timer) and reports why', async () => {
    const result = await replay({ name: 'no timer', turns: [{ user: '你好' }, { timer: 'pending' }, { user: '还在' }] });
    expect(result.passed).toBe(false);
    expect(result.turns).toHaveLength(2);
    expect(result.turns[1]?.failures).toEqual([{ what: 'turn', expected: 'the turn runs', actual: 'the test fires a timer but none is pending' }]);
    expect(result.turns[1]?.actual.node).toBe('menu');
  });

  it('accepts an async NLU (the api inference port)', async () => {
    const result = await replayTestCase(flow, testCaseSchema.parse({ name: 'async', turns: [{ user: '能便宜点吗', expect: { node: 'price' } }] }), {
      ports: testPorts(),
      analyze: async (text) => analyze(text),
    });
    expect(result.passed).toBe(true);
  });
});

describe('testCaseSchema', () => {
  it('refuses misspelt expectation keys and unknown turn kinds', () => {
    expect(testCaseSchema.safeParse({ name: 'x', turns: [{ user: 'a', expect: { reply: ['x'] } }] }).success).toBe(false);
    expect(testCaseSchema.safeParse({ name: 'x', turns: [{ event: 'a' }] }).success).toBe(false);
    expect(testCaseSchema.safeParse({ name: 'x', turns: [] }).success).toBe(false);
    expect(testCaseSchema.parse({ name: 'x', turns: [{ user: 'a' }] }).turns[0]).toEqual({ user: 'a', expect: {} });
  });
});
