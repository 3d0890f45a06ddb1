import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowInput } from '@zhishou/flow-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BOT_DIR, DemoSeeder } from '../../src/modules/demo/demo-seeder';
import { createTestApp, type TestApp } from '../support';
import { must, setupBot, testFlow } from '../chat/chat-fixtures';

interface Stored {
  id: string;
  name: string;
  flow: string;
  testCase: { name: string; turns: { user?: string; timer?: string; expect: Record<string, unknown> }[] };
}
interface CaseResult {
  id: string;
  name: string;
  flow: string;
  passed: boolean;
  failures: string[];
  turns: { user: string; actual: { replies: string[]; node: string | null }; failures: { what: string; expected: unknown; actual: unknown }[] }[];
}
interface Report {
  passed: boolean;
  total: number;
  failed: number;
  results: CaseResult[];
}

const BOT = 'gate';
const TESTS = `/v1/bots/${BOT}/flows/main/tests`;
const greets = (tag: string) => ({ name: '问候', turns: [{ user: '你好', expect: { intent: 'greeting', replies: [`你好呀[${tag}]`, '有什么可以帮您'], node: 'menu' } }] });

async function saveDraft(t: TestApp, bot: string, flow: string, document: FlowInput | unknown): Promise<void> {
  const draft = must(await t.get<{ revision: number }>(`/v1/bots/${bot}/flows/${flow}`), 200);
  must(await t.put(`/v1/bots/${bot}/flows/${flow}`, { document, revision: draft.revision }), 200);
}

describe('flow test cases and the publish gate (real Postgres)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await setupBot(t, BOT);
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores test cases per flow: validated, named uniquely, editor+ to change', async () => {
    const created = must(await t.post<Stored>(TESTS, greets('v1')), 201);
    expect(created).toMatchObject({ flow: 'main', name: '问候', testCase: { turns: [{ user: '你好' }] } });
    const bad = await t.post<{ error: string; issues: { path: string }[] }>(TESTS, { name: 'x', turns: [{ user: '你好', expect: { reply: ['typo'] } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
    expect(bad.body.issues[0]?.path).toBe('turns.0.expect');
    expect((await t.post(TESTS, greets('v1'))).status).toBe(409);
    expect((await t.post(TESTS, greets('v1'), { token: await t.loginAs('viewer') })).status).toBe(403);
    expect((await t.get(`/v1/bots/${BOT}/flows/nope/tests`)).status).toBe(404);
    expect((await t.put(`${TESTS}/00000000-0000-0000-0000-000000000000`, greets('v1'))).status).toBe(404);
    expect((await t.delete(`${TESTS}/not-a-uuid`)).status).toBe(404);

    const extra = must(await t.post<Stored>(TESTS, { name: '临时', turns: [{ user: '再见' }] }), 201);
    const renamed = must(await t.put<Stored>(`${TESTS}/${extra.id}`, { name: '再见', turns: [{ user: '再见', expect: { status: 'ended' } }] }), 200);
    expect(renamed.name).toBe('再见');
    expect((await t.put(`${TESTS}/${extra.id}`, greets('v1'))).status).toBe(409);
    expect(must(await t.get<Stored[]>(TESTS), 200).map((c) => c.name).sort()).toEqual(['再见', '问候']);
    expect((await t.delete(`${TESTS}/${extra.id}`)).status).toBe(204);
    expect(must(await t.get<Stored[]>(TESTS), 200).map((c) => c.name)).toEqual(['问候']);
  });

  it('runs a flow’s test cases against the draft or a version, per turn', async () => {
    const run = must(await t.post<Report>(`${TESTS}/run`, { version: 'draft' }), 200);
    expect(run).toMatchObject({ passed: true, total: 1, failed: 0 });
    expect(run.results[0]?.turns[0]?.actual).toMatchObject({ replies: ['你好呀[v1]', '您好，有什么可以帮您？[v1]'], node: 'menu' });
    expect((await t.post(`${TESTS}/run`, { version: 0 })).status).toBe(400);
    expect((await t.post(`${TESTS}/run`, { version: 9 })).status).toBe(404);
  });

  it('refuses to publish a draft that fails a test case (400 lists the failure), publishes once it is fixed', async () => {
    await saveDraft(t, BOT, 'main', testFlow('v2'));
    const refused = await t.post<{ error: string; failed: number; results: CaseResult[] }>(`/v1/bots/${BOT}/flows/main/publish`, { note: 'v2' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('tests_failed');
    expect(refused.body.failed).toBe(1);
    const failing = refused.body.results.find((r) => !r.passed);
    expect(failing?.name).toBe('问候');
    expect(failing?.turns[0]?.failures).toEqual([{ what: 'reply 1', expected: '你好呀[v1]', actual: '你好呀[v2]' }]);
    expect(failing?.failures).toEqual(['turn 1 "你好": reply 1: expected "你好呀[v1]", got "你好呀[v2]"']);
    // Nothing was published.
    expect(must(await t.get<{ number: number }[]>(`/v1/bots/${BOT}/flows/main/versions`), 200).map((v) => v.number)).toEqual([1]);

    const [stored] = must(await t.get<Stored[]>(TESTS), 200);
    must(await t.put(`${TESTS}/${stored!.id}`, greets('v2')), 200);
    const v2 = must(await t.post<{ number: number }>(`/v1/bots/${BOT}/flows/main/publish`, { note: 'v2' }), 201);
    expect(v2.number).toBe(2);
    // The updated case now fails against version 1, which still says [v1].
    const old = must(await t.post<Report>(`${TESTS}/run`, { version: 1 }), 200);
    expect(old).toMatchObject({ passed: false, failed: 1 });
  });

  it('records a test-chat session as a test case that replays green', async () => {
    const preview = (messageId: string, text: string) => t.post(`/v1/bots/${BOT}/preview/rec/messages`, { messageId, text, flow: 'main', version: 'draft' });
    must(await preview('a', '你好'), 200);
    must(await preview('a', '你好'), 200); // a retried message is not recorded twice
    must(await preview('b', '转人工'), 200);
    const recorded = must(await t.post<Stored>(`${TESTS}/from-preview`, { session: 'rec', name: '录制：转人工' }), 201);
    expect(recorded.testCase.turns).toEqual([
      { user: '你好', expect: { intent: 'greeting', replies: ['你好呀[v2]', '您好，有什么可以帮您？[v2]'], node: 'menu', flow: 'main', status: 'waiting_input' } },
      { user: '转人工', expect: { intent: 'request_human', replies: ['正在为您转接人工客服'], node: 'human', flow: 'main', status: 'handed_off' } },
    ]);
    const run = must(await t.post<Report>(`${TESTS}/run`, { version: 'draft' }), 200);
    expect(run).toMatchObject({ passed: true, total: 2 });
    // Switching the session to another version starts it over, and so does its recording.
    must(await t.post(`/v1/bots/${BOT}/preview/rec/messages`, { messageId: 'c', text: '你好', flow: 'main', version: 1 }), 200);
    const restarted = must(await t.post<Stored>(`${TESTS}/from-preview`, { session: 'rec', name: '录制：v1' }), 201);
    expect(restarted.testCase.turns).toHaveLength(1);
    expect((await t.post(`${TESTS}/from-preview`, { session: 'missing', name: 'x' })).status).toBe(404);
  });

  it('seeds the real demo bot (shipped ONNX models) even where its NLU disagrees with a transcript; a run reports every case', async () => {
    const seeded = await t.app.get(DemoSeeder).seedIfEmpty();
    expect(seeded?.bot).toBe('xianyu');
    const files = readdirSync(join(DEMO_BOT_DIR, 'tests')).filter((f) => f.endsWith('.json'));
    const cases = must(await t.get<Stored[]>('/v1/bots/xianyu/flows/main/tests'), 200);
    expect(cases).toHaveLength(files.length);
    const run = must(await t.post<Report>('/v1/bots/xianyu/flows/main/tests/run', { version: 1 }), 200);
    expect(run.total).toBe(files.length);
    expect(run.results.every((r) => r.turns.length > 0 && (r.passed || r.failures.length > 0))).toBe(true);
  });

  it('gates the demo bot: its transcripts are seeded as main’s test cases, and a subflow change that breaks them is refused', async () => {
    const bot = 'xianyu_gate';
    const seeded = await t.app.get(DemoSeeder).seedIfEmpty(DEMO_BOT_DIR, { botKey: bot });
    expect(seeded?.flows.map((f) => f.version)).toEqual([1, 1, 1, 1]);
    const cases = must(await t.get<Stored[]>(`/v1/bots/${bot}/flows/main/tests`), 200);
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(must(await t.post<Report>(`/v1/bots/${bot}/flows/main/tests/run`, { version: 1 }), 200)).toMatchObject({ passed: true, failed: 0 });

    const bargain = must(await t.get<{ document: { nodes: { id: string; kind: string; config: { variants?: string[] } }[] } }>(`/v1/bots/${bot}/flows/bargain`), 200).document;
    const changed = structuredClone(bargain);
    for (const node of changed.nodes) if (node.config.variants) node.config.variants = node.config.variants.map((v) => v.replace('可以的，成交', '没问题'));
    await saveDraft(t, bot, 'bargain', changed);
    const refused = await t.post<{ error: string; results: CaseResult[] }>(`/v1/bots/${bot}/flows/bargain/publish`, { note: 'wording' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('tests_failed');
    const failed = refused.body.results.filter((r) => !r.passed);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((r) => r.flow === 'main')).toBe(true);
    expect(failed.flatMap((r) => r.failures).join('\n')).toContain('没问题');
  });
});
