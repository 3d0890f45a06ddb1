import { describe, expect, it } from 'vitest';
import { messageInput } from '@zhishou/testing';
import type { Effect, Reply } from '@zhishou/flow-schema';
import { handoffRows, priorityRank, transcriptRows } from './turn-response';

const reply = (text: string, nodeId = 'n'): Reply => ({ type: 'text', text, quickReplies: [], nodeId });

describe('turn → rows', () => {
  it('numbers the user message and the replies after the last sequence number', () => {
    const rows = transcriptRows(7, messageInput('你好', 'greeting'), [reply('你好呀', 'hi'), reply('要看看吗', 'menu')], 'm1');
    expect(rows.map((r) => [r.seq, r.role, r.text])).toEqual([
      [8, 'user', '你好'],
      [9, 'bot', '你好呀'],
      [10, 'bot', '要看看吗'],
    ]);
    expect(rows[0]?.payload).toEqual({ messageId: 'm1' });
    expect(rows[1]?.payload).toMatchObject({ nodeId: 'hi', kind: 'message' });
  });

  it('records only the bot for timer turns', () => {
    const rows = transcriptRows(3, { type: 'timer', timerId: 't1-idle' }, [reply('还在吗')], null);
    expect(rows.map((r) => [r.seq, r.role])).toEqual([[4, 'bot']]);
    expect(rows[0]?.payload).toMatchObject({ kind: 'timer' });
  });

  it('turns handoff effects into queue rows ranked urgent first', () => {
    const effects: Effect[] = [
      { type: 'schedule_timer', timerId: 't', delayMs: 1, nodeId: 'w' },
      { type: 'handoff', queue: 'after_sale', priority: 'urgent', reason: '生气', nodeId: 'h' },
    ];
    expect(handoffRows(effects)).toEqual([{ queue: 'after_sale', priority: 'urgent', priority_rank: 3, reason: '生气' }]);
    expect(['low', 'normal', 'high', 'urgent'].map(priorityRank)).toEqual([0, 1, 2, 3]);
  });
});
