import { describe, expect, it } from 'vitest';
import type { NluResult } from '@zhishou/flow-schema';
import { activeQuickReplies, completeTurn, failTurn, pendingTurn, topIntents } from './chatLog';

const nlu = (intents: [string, number][]): NluResult => ({
  text: 'x',
  intent: { intent: intents[0]?.[0] ?? 'out_of_scope', confidence: intents[0]?.[1] ?? 0 },
  intents: intents.map(([intent, confidence]) => ({ intent, confidence })),
  slots: [],
  emotion: { label: 'neutral', score: 0.9 },
  model: 'baseline',
});

describe('test chat log', () => {
  it('keeps the three best intents, best first', () => {
    expect(topIntents(nlu([['a', 0.1], ['b', 0.7], ['c', 0.15], ['d', 0.05]])).map((i) => i.intent)).toEqual(['b', 'c', 'a']);
    expect(topIntents(null)).toEqual([]);
  });

  it('offers only the quick replies of the last answered turn', () => {
    const first = completeTurn(pendingTurn('1', '你好'), {
      replies: [{ type: 'text', text: '想问什么？', quickReplies: ['价格', '发货'], nodeId: 'm1' }],
      state: { status: 'waiting_input', node: 'ask', flow: 'main', slots: {} },
      nlu: nlu([['greeting', 0.9]]),
      trace: [],
    });
    expect(activeQuickReplies([first])).toEqual(['价格', '发货']);
    expect(activeQuickReplies([first, pendingTurn('2', '价格')])).toEqual(['价格', '发货']);
    const second = completeTurn(pendingTurn('2', '价格'), { replies: [{ type: 'text', text: '100', quickReplies: [], nodeId: 'm2' }], state: { status: 'ended', node: null, flow: 'main', slots: { price: 100 } }, nlu: null, trace: [] });
    expect(activeQuickReplies([first, second])).toEqual([]);
    expect(second).toMatchObject({ pending: false, slots: { price: 100 }, status: 'ended' });
  });

  it('keeps a failed turn with its error', () => {
    expect(failTurn(pendingTurn('1', 'x'), 'boom')).toMatchObject({ pending: false, error: 'boom', replies: [] });
  });

  it('keeps the turn\'s variables and what each http node sent and received', () => {
    const turn = completeTurn(pendingTurn('1', 'XY1'), {
      replies: [],
      state: { status: 'waiting_input', node: 'menu', flow: 'logistics', slots: {} },
      vars: { order: { status: 200, body: { status: 'shipped' } } },
      nlu: null,
      trace: [
        { flowKey: 'logistics', nodeId: 'lookup', kind: 'http', event: 'enter' },
        { flowKey: 'logistics', nodeId: 'lookup', kind: 'http', event: 'enter', detail: 'GET /sandbox/orders/XY1 → 200', http: { request: { method: 'GET', url: '/sandbox/orders/XY1' }, response: { status: 200, body: { status: 'shipped' } } } },
        { flowKey: 'logistics', nodeId: 'again', kind: 'http', event: 'error', http: { request: { method: 'GET', url: '/x' }, response: null } },
      ],
    });
    expect(turn.vars).toEqual({ order: { status: 200, body: { status: 'shipped' } } });
    expect(turn.http).toEqual([
      { nodeId: 'lookup', method: 'GET', url: '/sandbox/orders/XY1', status: 200, body: { status: 'shipped' } },
      { nodeId: 'again', method: 'GET', url: '/x', status: null, body: null },
    ]);
  });
});
