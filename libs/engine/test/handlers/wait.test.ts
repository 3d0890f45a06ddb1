import { flowBuilder, guards, messageInput, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { converse, NOW, texts } from '../support';

const nudgeFlow = flowBuilder()
  .start()
  .listen('menu', { prompt: ['还有什么可以帮您？'] })
  .message('ship', '今天发货')
  .wait('silence', '10m')
  .message('nudge', '亲，还在吗？喜欢可以直接拍哦')
  .chain('start', 'menu')
  .edge('menu', 'ship', { guard: guards.intent('ask_ship_time') })
  .chain('ship', 'silence')
  .edge('silence', 'nudge', { handle: 'timeout' })
  .edge('silence', 'menu')
  .edge('nudge', 'menu')
  .build();

describe('wait node', () => {
  it('schedules a timer with a deterministic id and fires by timeout', async () => {
    const [asked] = await converse(nudgeFlow, testPorts(), [messageInput('哪天发货', 'ask_ship_time')]);
    expect(asked!.effects).toEqual([{ type: 'schedule_timer', timerId: 't1-silence', delayMs: 600_000, nodeId: 'silence' }]);
    expect(asked!.state).toMatchObject({ status: 'waiting_timer', nodeId: 'silence', timer: { id: 't1-silence', nodeId: 'silence', fireAt: NOW + 600_000 } });
    const [fired] = await converse(nudgeFlow, testPorts(), [{ type: 'timer', timerId: 't1-silence' }], asked!.state);
    expect(texts(fired!)).toEqual(['亲，还在吗？喜欢可以直接拍哦', '还有什么可以帮您？']);
    expect(fired!.state).toMatchObject({ status: 'waiting_input', nodeId: 'menu', timer: null });
  });

  it('a message before the timer cancels it and is handled by the next listening node', async () => {
    const [asked] = await converse(nudgeFlow, testPorts(), [messageInput('哪天发货', 'ask_ship_time')]);
    const [reply] = await converse(nudgeFlow, testPorts(), [messageInput('今天能发吗', 'ask_ship_time')], asked!.state);
    expect(reply!.effects).toEqual([
      { type: 'cancel_timer', timerId: 't1-silence' },
      { type: 'schedule_timer', timerId: 't2-silence', delayMs: 600_000, nodeId: 'silence' },
    ]);
    expect(texts(reply!)).toEqual(['今天发货']);
  });

  it('ignores a stale timer and leaves the state exactly as it was', async () => {
    const [asked] = await converse(nudgeFlow, testPorts(), [messageInput('哪天发货', 'ask_ship_time')]);
    const [stale] = await converse(nudgeFlow, testPorts(), [{ type: 'timer', timerId: 't0-silence' }], asked!.state);
    expect(stale!.state).toEqual(asked!.state);
    expect(stale!.replies).toEqual([]);
    expect(stale!.effects).toEqual([]);
    expect(stale!.trace).toEqual([expect.objectContaining({ event: 'wait', detail: 'ignored: stale timer t0-silence' })]);
    const [early] = await converse(nudgeFlow, testPorts(), [{ type: 'timer', timerId: 't1-silence' }]);
    expect(early!.trace).toEqual([expect.objectContaining({ detail: 'ignored: nothing waits for a timer' })]);
  });
});
