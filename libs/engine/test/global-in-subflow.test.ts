import { messageInput, flowResolver, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FLOWS_DIR, loadBot } from './bots';
import { converse, last, texts } from './support';

/**
 * Issue 10 item 2: the demo bot's global transitions (main flow settings) apply at a waiting node
 * inside a sub-flow. The NLU results are the ones the issue reports for the shipped models.
 */
describe('demo bot: global transitions inside a sub-flow', () => {
  const bot = loadBot(join(FLOWS_DIR, 'xianyu'));
  const main = bot.flows.get(bot.manifest.mainFlow);
  if (!main) throw new Error('main flow missing');
  const ports = () => testPorts({ flows: flowResolver([...bot.flows.values()]) });

  const intoAfterSale = [
    messageInput('收到东西跟描述不符 我要退货', 'return_refund', { confidence: 0.95 }),
    messageInput('XY20261125000123', 'provide_order_id', { confidence: 0.9, slots: [{ type: 'order_id', value: 'XY20261125000123' }] }),
  ];

  it('「再不发货我投诉了！」 (complaint 0.92, angry 0.86) at after_sale/offer_human hands off as a complaint', async () => {
    const results = await converse(main, ports(), [
      ...intoAfterSale,
      messageInput('再不发货我投诉了！', 'complaint', { confidence: 0.92, emotion: { label: 'angry', score: 0.86 } }),
    ]);
    const waiting = results[1];
    expect(waiting?.state.flowKey).toBe('after_sale');
    expect(waiting?.state.nodeId).toBe('offer_human');
    const turn = last(results);
    expect(turn.trace.some((t) => t.event === 'global' && t.detail === 'g_complaint')).toBe(true);
    expect(texts(turn).join('\n')).not.toContain('需要转人工的话回复');
    expect(turn.effects).toContainEqual(expect.objectContaining({ type: 'handoff', queue: 'after_sale', priority: 'high' }));
    expect(turn.state.status).toBe('handed_off');
  });

  it('very angry (0.95) at the same node goes to the urgent handoff, the higher-priority global', async () => {
    const results = await converse(main, ports(), [...intoAfterSale, messageInput('你们什么破店！', 'other', { confidence: 0.4, emotion: { label: 'angry', score: 0.95 } })]);
    const turn = last(results);
    expect(turn.trace.some((t) => t.event === 'global' && t.detail === 'g_angry')).toBe(true);
    expect(turn.effects).toContainEqual(expect.objectContaining({ type: 'handoff', priority: 'urgent' }));
  });

  it('a complaint below the threshold (0.5) is not caught by the global: the node answers as before', async () => {
    const results = await converse(main, ports(), [...intoAfterSale, messageInput('再不发货我投诉了！', 'complaint', { confidence: 0.5, emotion: { label: 'neutral', score: 0.9 } })]);
    const turn = last(results);
    expect(turn.trace.some((t) => t.event === 'global')).toBe(false);
    expect(turn.effects.some((e) => e.type === 'handoff')).toBe(false);
  });
});
