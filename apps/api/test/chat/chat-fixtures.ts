import { flowBuilder, guards } from '@zhishou/testing';
import type { FlowInput, NluData } from '@zhishou/flow-schema';
import type { TestApp } from '../support';

export const TEST_NLU: NluData = {
  locale: 'zh-CN',
  outOfScopeThreshold: 0.45,
  slotTypes: [],
  intents: [
    { key: 'greeting', name: '问候', examples: ['你好', '在吗', '您好'], keywords: [] },
    { key: 'request_human', name: '转人工', examples: ['转人工', '人工客服', '我要找人工'], keywords: ['人工'] },
    { key: 'goodbye', name: '再见', examples: ['再见', '拜拜'], keywords: [] },
  ],
};

/** A small flow: greet, answer hello, hand over on 转人工 or anger, end on goodbye. `tag` marks the version in replies. */
export function testFlow(tag: string): FlowInput {
  return flowBuilder('main', '测试流程')
    .start()
    .listen('menu', { prompt: [`您好，有什么可以帮您？[${tag}]`], noMatch: ['没听懂，请再说一次'] })
    .message('hi', `你好呀[${tag}]`)
    .handoff('human', { priority: 'high', message: ['正在为您转接人工客服'] })
    .handoff('angry', { priority: 'urgent', message: ['非常抱歉，马上为您转接人工'] })
    .end('bye', { message: ['再见'] })
    .edge('start', 'menu')
    .edge('menu', 'hi', { guard: guards.intent('greeting') })
    .edge('menu', 'bye', { guard: guards.intent('goodbye') })
    .edge('hi', 'menu')
    .global('to-human', guards.intent('request_human'), { node: 'human' }, 10)
    .global('angry', guards.emotion(['angry']), { node: 'angry' }, 20)
    .document();
}

/**
 * greet → `silence` of silence → nudge → back to the menu; a message before the timer supersedes it.
 * The wait-node timer flow of the timer, outbox and fault tests.
 */
export function nudgeFlow(silence: string, nudge = '亲，还在吗', name = '催单'): FlowInput {
  return flowBuilder('main', name)
    .start()
    .listen('menu', { prompt: ['您好'], noMatch: ['没听懂'] })
    .message('hi', '你好呀')
    .wait('idle', silence)
    .message('nudge', nudge)
    .edge('start', 'menu')
    .edge('menu', 'hi', { guard: guards.intent('greeting') })
    .edge('hi', 'idle')
    .edge('idle', 'menu')
    .edge('idle', 'nudge', { handle: 'timeout' })
    .edge('nudge', 'menu')
    .document();
}

/** Creates a bot with NLU data v1 live, an API key, and `main` v1 live. Returns the API key. */
export async function setupBot(t: TestApp, bot: string, flow: FlowInput = testFlow('v1')): Promise<string> {
  must(await t.post('/v1/bots', { key: bot, name: bot }), 201);
  must(await t.put(`/v1/bots/${bot}/nlu`, { document: TEST_NLU, revision: 0 }), 200);
  must(await t.post(`/v1/bots/${bot}/nlu/publish`, { note: 'v1' }), 201);
  must(await t.post(`/v1/bots/${bot}/flows`, { document: flow }), 201);
  must(await t.post(`/v1/bots/${bot}/flows/main/publish`, { note: 'v1' }), 201);
  must(await t.put(`/v1/bots/${bot}/flows/main/live`, { version: 1 }), 200);
  const key = must(await t.post<{ key: string }>(`/v1/bots/${bot}/api-keys`, { name: 'test' }), 201);
  return key.key;
}

export function must<T>(res: { status: number; body: T }, status: number): T {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface ChatBody {
  replies: { text: string; nodeId: string }[];
  state: { status: string; node: string | null; slots: Record<string, unknown> };
  nlu: { intent: { intent: string; confidence: number }; emotion: { label: string } } | null;
  turn: number;
  duplicate: boolean;
  trace?: unknown[];
}

export async function say(t: TestApp, key: string, bot: string, cid: string, messageId: string, text: string, trace = false) {
  return t.post<ChatBody>(`/v1/bots/${bot}/conversations/${cid}/messages`, { messageId, text, trace }, { token: key });
}
