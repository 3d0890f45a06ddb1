import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { JsonValue } from '@zhishou/flow-schema';
import { DEMO_BOT_DIR } from '../../src/modules/demo/demo-seeder';
import { TurnService } from '../../src/modules/conversations/turn.service';
import type { TestApp } from '../support';
import { must, type ChatBody } from './chat-fixtures';

/**
 * Replays one of the demo bot's golden transcripts (flows/xianyu/tests) through the real api: messages
 * over HTTP with the bot's API key, the sandbox marketplace behind the http node, timers fired the way
 * the worker fires them, releases through the agents' handoff API. Shared by the baseline-NLU and the
 * shipped-model replays so both check exactly the same expectations.
 */
interface Expectation {
  intent?: string;
  replies?: string[];
  contains?: string[];
  node?: string | null;
  flow?: string;
  status?: string;
  slots?: Record<string, JsonValue>;
  handoff?: { queue?: string; priority?: string; reason?: string };
}
type Turn = { user: string; image?: string; expect: Expectation } | { timer: 'pending' | 'stale'; expect: Expectation } | { release: true; expect: Expectation };
export interface GoldenTranscript {
  file: string;
  name: string;
  turns: Turn[];
}

const testsDir = join(DEMO_BOT_DIR, 'tests');

export const goldenTranscripts: GoldenTranscript[] = readdirSync(testsDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(readFileSync(join(testsDir, file), 'utf8')) as { name: string; turns: Turn[] }) }));

export async function replayTranscript(t: TestApp, bot: string, apiKey: string, transcript: GoldenTranscript): Promise<void> {
  const { file } = transcript;
  const cid = `golden-${file.replace(/\.json$/, '')}`;
  for (const [index, turn] of transcript.turns.entries()) {
    const where = `${bot} ${file} turn ${index + 1}`;
    let replies: string[];
    let state: ChatBody['state'] & { flow?: string };
    let intent: string | undefined;
    if ('user' in turn) {
      const res = must(
        await t.post<ChatBody>(`/v1/bots/${bot}/conversations/${cid}/messages`, { messageId: `m${index}`, text: turn.user, ...(turn.image ? { image: turn.image } : {}) }, { token: apiKey }),
        200,
      );
      replies = res.replies.map((r) => r.text);
      state = res.state;
      intent = res.nlu?.intent.intent;
    } else if ('timer' in turn) {
      const conv: { state: { timer: { id: string } | null } }[] = await t.dataSource.query(`SELECT state FROM conversations WHERE bot_key = $1 AND external_id = $2`, [bot, cid]);
      const pending = conv[0]?.state.timer?.id;
      if (turn.timer === 'pending') expect(pending, `${where}: a timer is pending`).toBeTruthy();
      // Exactly what the conversation.timer job does when it fires.
      const res = await t.app.get(TurnService).run(bot, cid, { type: 'timer', timerId: turn.timer === 'pending' ? pending! : 't0-stale' });
      replies = res.body.replies.map((r) => (r as { text: string }).text);
      state = res.body.state;
    } else {
      const open = must(await t.get<{ handoffs: { id: string; externalId: string }[] }>(`/v1/handoffs?bot=${bot}`), 200).handoffs.filter((h) => h.externalId === cid);
      expect(open, `${where}: an open handoff to release`).toHaveLength(1);
      must(await t.post(`/v1/handoffs/${open[0]!.id}/claim`, {}), 200);
      const res = must(await t.post<{ replies: { text: string }[]; state: ChatBody['state'] }>(`/v1/handoffs/${open[0]!.id}/release`, {}), 200);
      replies = res.replies.map((r) => r.text);
      state = res.state;
    }
    const e = turn.expect;
    if (e.intent !== undefined) expect(intent, `${where} intent`).toBe(e.intent);
    if (e.replies !== undefined) {
      expect(replies, `${where} replies`).toHaveLength(e.replies.length);
      e.replies.forEach((part, i) => expect(replies[i], `${where} reply ${i + 1}`).toContain(part));
    }
    for (const part of e.contains ?? []) expect(replies.join('\n'), `${where} replies`).toContain(part);
    if (e.node !== undefined) expect(state.node, `${where} node`).toBe(e.node);
    if (e.flow !== undefined) expect(state.flow, `${where} flow`).toBe(e.flow);
    if (e.status !== undefined) expect(state.status, `${where} status`).toBe(e.status);
    for (const [k, v] of Object.entries(e.slots ?? {})) {
      if (v === null) expect(state.slots, `${where} slots`).not.toHaveProperty(k);
      else expect(state.slots[k], `${where} slot ${k}`).toEqual(v);
    }
    if (e.handoff) {
      const rows: { queue: string; priority: string; reason: string | null }[] = await t.dataSource.query(
        `SELECT h.queue, h.priority, h.reason FROM handoffs h JOIN conversations c ON c.id = h.conversation_id WHERE c.bot_key = $1 AND c.external_id = $2 ORDER BY h.created_at DESC LIMIT 1`,
        [bot, cid],
      );
      expect(rows[0], `${where} handoff`).toMatchObject(e.handoff);
    }
  }
}
