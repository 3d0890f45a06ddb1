import type { RuleSetInput } from '@zhishou/flow-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupBot, testFlow } from './chat/chat-fixtures';
import { createTestApp, type TestApp } from './support';
import { fires, must } from './triggers/trigger-fixtures';

interface Issue {
  path: string;
  message: string;
}
interface Refusal {
  error: string;
  issues: Issue[];
}

const NUL = 'a\u0000b';
const LONE_HIGH = 'x\ud800y';
const LONE_LOW = '\udc00';

/** JSON text of `leaf` wrapped `depth` times (`open` + inner + `close`): built as text, JSON.stringify overflows here. */
function nestedJson(depth: number, leaf: unknown, open: string, close: string): string {
  return open.repeat(depth) + JSON.stringify(leaf) + close.repeat(depth);
}

/** Puts `marker` (a JSON string) in `document` and replaces it with raw JSON text. */
function withRaw(document: unknown, marker: string, raw: string): string {
  return JSON.stringify(document).replace(JSON.stringify(marker), raw);
}

const rules = (after: string): RuleSetInput => ({
  key: 'edge',
  name: 'edge',
  rules: [
    { id: 'soon', name: 'soon', on: 'order.paid', after: '1h', actions: [{ type: 'send_message', to: 'seller', template: 'paid' }] },
    { id: 'late', name: 'late', on: 'order.paid', after, actions: [{ type: 'send_message', to: 'seller', template: 'late' }] },
  ],
});

/**
 * Issue 9, items 5, 6 and 10: bad text, numbers, durations and nesting are refused at the edge with a
 * 400 naming the field (they reached Postgres or overflowed the validator's stack: 500s before).
 */
describe('input validation at the edge', () => {
  let t: TestApp;
  let chatKey: string;
  let eventKey: string;
  const bot = 'edge';

  beforeAll(async () => {
    t = await createTestApp();
    chatKey = await setupBot(t, bot);
    must(await t.post(`/v1/bots/${bot}/rulesets`, { document: rules('2h') }), 201);
    must(await t.post(`/v1/bots/${bot}/rulesets/edge/publish`, { note: 'v1' }), 201);
    must(await t.put(`/v1/bots/${bot}/rulesets/edge/live`, { version: 1 }), 200);
    eventKey = must(await t.post<{ key: string }>(`/v1/bots/${bot}/api-keys`, { name: 'events' }), 201).key;
  });
  afterAll(async () => {
    await t?.close();
  });

  const chat = (body: unknown, cid = 'c1') => t.post<Refusal>(`/v1/bots/${bot}/conversations/${cid}/messages`, body, { token: chatKey });
  const paths = (res: { body: Refusal }) => res.body.issues.map((i) => i.path);

  it('refuses NUL characters and unpaired surrogates in chat text and ids, naming the field', async () => {
    for (const [body, path] of [
      [{ messageId: 'm1', text: NUL }, 'text'],
      [{ messageId: 'm1', text: LONE_HIGH }, 'text'],
      [{ messageId: 'm1', text: LONE_LOW }, 'text'],
      [{ messageId: NUL, text: 'hi' }, 'messageId'],
      [{ messageId: 'm1', text: 'a'.repeat(4_001) }, 'text'],
    ] as const) {
      const res = await chat(body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(res.body.error).toBe('validation_failed');
      expect(paths(res)).toContain(path);
    }
    // A paired surrogate (an emoji) is fine, and the conversation still works.
    expect((await chat({ messageId: 'ok-1', text: '你好 😀' })).status).toBe(200);
  });

  it('refuses bad text in events, event data (values and keys) and batches', async () => {
    const ev = (over: Record<string, unknown>) => ({ eventId: 'e1', type: 'order.paid', occurredAt: new Date().toISOString(), subject: { orderId: 'o1' }, data: {}, ...over });
    const one = (body: unknown) => t.post<Refusal>('/v1/events', body, { token: eventKey });
    expect(paths(await one(ev({ eventId: NUL })))).toEqual(['eventId']);
    expect(paths(await one(ev({ subject: { orderId: LONE_HIGH } })))).toEqual(['subject.orderId']);
    expect(paths(await one(ev({ data: { note: LONE_LOW } })))).toEqual(['data.note']);
    expect(paths(await one(ev({ data: { [NUL]: 1 } })))[0]).toMatch(/^data\./);
    const batch = await t.post<Refusal>('/v1/events/batch', { events: [ev({ eventId: 'b1' }), ev({ eventId: 'b2', data: { list: ['ok', NUL] } })] }, { token: eventKey });
    expect(batch.status).toBe(400);
    expect(paths(batch)).toEqual(['events.1.data.list.1']);
    // Names in designer documents too.
    const named = await t.post<Refusal>('/v1/bots', { key: 'named', name: NUL });
    expect(named.status).toBe(400);
    expect(paths(named)).toEqual(['name']);
  });

  it('refuses out-of-range numbers and bad text in path and query parameters', async () => {
    for (const [path, field] of [
      [`/v1/bots/${bot}/flows/main/versions/99999999999`, 'params.number'],
      [`/v1/bots/${bot}/flows/main/versions/1e3`, 'params.number'],
      [`/v1/bots/${bot}/rulesets/edge/versions/4294967296`, 'params.number'],
      [`/v1/bots/${bot}/models/99999999999`, 'params.version'],
      [`/v1/bots/${bot}/flows/%00`, 'params.flow'],
      [`/v1/bots/${bot}/conversations/c1/messages?after=99999999999`, 'after'],
      [`/v1/bots/${bot}/flows/main/diff?from=99999999999&to=1`, ''],
      [`/v1/bots/${bot}/events?subject=%00`, 'query.subject'],
    ] as const) {
      const res = await t.get<Refusal>(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error, path).toBe('validation_failed');
      if (field !== '') expect(paths(res), path).toContain(field);
    }
    // Longer than the router's bound: the shared error body too, not Fastify's own.
    const long = await t.get<{ error: string; params: Record<string, number> }>(`/v1/bots/${bot}/flows/${'a'.repeat(300)}`);
    expect(long.status).toBe(414);
    expect(long.body).toMatchObject({ error: 'uri_too_long', params: { max: 256 } });
    expect((await t.get(`/v1/bots/${bot}/flows/${'a'.repeat(200)}`)).status).toBe(404); // within the bound: the route answers
    expect((await t.get(`/v1/bots/${bot}/flows/main/versions/1`)).status).toBe(200);
    expect((await t.get(`/v1/bots/${bot}/flows/main/versions/2147483647`)).status).toBe(404);
  });

  it('refuses documents nested 5,000 deep with the path, before any recursive validator runs', async () => {
    const send = async (method: string, path: string, body: string, token = t.adminToken) => {
      const response = await fetch(`${t.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
      return { status: response.status, body: (await response.json()) as Refusal };
    };
    const flow = testFlow('deep') as unknown as { nodes: { id: string; kind: string; config: unknown }[] };
    flow.nodes.push({ id: 'deep', kind: 'condition', config: { condition: 'DEEP' } });
    const condition = nestedJson(5_000, { fact: 'slots', operator: 'exists', value: null, path: '$.x' }, '{"not":', '}');
    const draft = await send('PUT', `/v1/bots/${bot}/flows/main`, withRaw({ document: flow, revision: 1 }, 'DEEP', condition));
    expect(draft.status).toBe(400);
    expect(draft.body.issues[0]?.message).toMatch(/nested deeper than 64/);
    expect(draft.body.issues[0]?.path).toMatch(/^document\.nodes\.\d+\.config\.condition(\.not)+$/);

    const ruleSet = rules('1h') as unknown as { key: string; rules: Record<string, unknown>[] };
    ruleSet.key = 'deep';
    ruleSet.rules[0]!['if'] = { all: ['DEEP'] };
    const any = nestedJson(5_000, { fact: 'event', operator: 'exists', value: null }, '{"any":[', ']}');
    const rule = await send('POST', `/v1/bots/${bot}/rulesets`, withRaw({ document: ruleSet }, 'DEEP', any));
    expect(rule.status).toBe(400);
    expect(rule.body.issues[0]?.path).toMatch(/^document\.rules\.0\.if\.all\.0(\.any\.0)+/);

    const deepEvent = { eventId: 'deep', type: 'order.paid', occurredAt: new Date().toISOString(), subject: { orderId: 'o' }, data: { x: 'DEEP' } };
    const data = await send('POST', '/v1/events', withRaw(deepEvent, 'DEEP', nestedJson(5_000, 1, '[', ']')), eventKey);
    expect(data.status).toBe(400);
    expect(data.body.issues[0]?.path).toMatch(/^data\.x(\.0)+$/);
    // The process is fine afterwards.
    expect((await t.get('/health', { token: null })).status).toBe(200);
  });

  it('limits bodies to 2 MiB, 5 MiB on message routes (base64 images)', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    const bots = await t.post<{ error: string }>('/v1/bots', { key: 'big', name: big });
    expect(bots.status).toBe(413);
    expect(bots.body.error).toBe('payload_too_large');
    const image = await t.post<Refusal>(`/v1/bots/${bot}/conversations/big/messages`, { messageId: 'big-1', image: big }, { token: chatKey });
    expect(image.status).not.toBe(413);
    expect(image.status).toBeLessThan(500);
  });

  it('bounds delays at validation: after "99999999999d" is refused at save with its path', async () => {
    const res = await t.post<Refusal>(`/v1/bots/${bot}/rulesets`, { document: { ...rules('99999999999d'), key: 'huge' } });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: 'rules.1.after', message: 'a duration may be at most 365 days' }]);
  });

  it('stores every event of a batch when a rule fails at run time, recording the failure', async () => {
    // A valid rule (365d) on an event near the end of the representable range: its due time overflows.
    must(await t.put(`/v1/bots/${bot}/rulesets/edge`, { document: rules('365d'), revision: 1 }), 200);
    must(await t.post(`/v1/bots/${bot}/rulesets/edge/publish`, { note: 'v2' }), 201);
    must(await t.put(`/v1/bots/${bot}/rulesets/edge/live`, { version: 2 }), 200);
    const far = { eventId: 'far-1', type: 'order.paid', occurredAt: '9999-12-01T00:00:00Z', subject: { orderId: 'far' }, data: {} };
    const near = { eventId: 'near-1', type: 'order.paid', occurredAt: new Date().toISOString(), subject: { orderId: 'near' }, data: {} };
    const res = await t.post<{ accepted: number; scheduled: number }>('/v1/events/batch', { events: [near, far] }, { token: eventKey });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ accepted: 2, scheduled: 3 });
    const failed = (await fires(t, bot)).filter((f) => f.outcome === 'failed');
    expect(failed).toEqual([expect.objectContaining({ ruleId: 'late', reason: 'schedule_error' })]);
    const stored = must(await t.get<{ events: { eventId: string }[] }>(`/v1/bots/${bot}/events?subjectKey=orderId&subject=far`), 200);
    expect(stored.events.map((e) => e.eventId)).toEqual(['far-1']);
  });

  it('keeps ingesting when a live rule set no longer validates (published before the bound)', async () => {
    // Stored before durations were bounded: the compiled set fails, its rules are skipped, events are stored.
    await t.dataSource.query(
      `UPDATE document_versions v SET content = jsonb_set(v.content, '{rules,1,after}', '"99999999999d"')
       FROM documents d WHERE d.id = v.document_id AND d.bot_key = $1 AND d.kind = 'ruleset' AND v.number = 3`,
      [bot],
    );
    must(await t.put(`/v1/bots/${bot}/rulesets/edge`, { document: rules('3h'), revision: 2 }), 200);
    must(await t.post(`/v1/bots/${bot}/rulesets/edge/publish`, { note: 'v3' }), 201);
    await t.dataSource.query(
      `UPDATE document_versions v SET content = jsonb_set(v.content, '{rules,1,after}', '"99999999999d"')
       FROM documents d WHERE d.id = v.document_id AND d.bot_key = $1 AND d.kind = 'ruleset' AND v.number = 3`,
      [bot],
    );
    must(await t.put(`/v1/bots/${bot}/rulesets/edge/live`, { version: 3 }), 200);
    const res = await t.post<{ accepted: number }>('/v1/events', { eventId: 'after-bad', type: 'order.paid', occurredAt: new Date().toISOString(), subject: { orderId: 'x' }, data: {} }, { token: eventKey });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.accepted).toBe(1);
  });
});
