import { errorBodySchema, type JsonValue } from '@zhishou/flow-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainTinyBundle } from '../../src/infra/inference/test-bundle';
import { documentedRoutes, type RouteDoc } from '../../src/infra/http-server/openapi';
import { must, setupBot, testFlow } from '../chat/chat-fixtures';
import { createTestApp, type TestApp } from '../support';

/**
 * The wire contract, checked against the real server: every route of the OpenAPI document is called
 * (on a seeded bot, so each answers a real body) and its response is parsed with the route's shared
 * strict schema from @zhishou/flow-schema. A route without a schema, or without a call here, fails.
 */
type OpenApi = { paths: Record<string, Record<string, { summary: string }>> };
type Res = { status: number; body: unknown };
type Ctx = { apiKey: string; userId: string; apiKeyId: string; testCaseId: string; handoffId: string };

const BOT = 'cbot';
const b = `/v1/bots/${BOT}`;
const event = (eventId: string, type = 'order.paid') => ({ eventId, type, occurredAt: new Date().toISOString(), subject: { orderId: 'o-1' } });
const ruleSet = {
  key: 'reminders',
  name: '提醒',
  rules: [{ id: 'unshipped', name: '未发货提醒', on: 'order.paid', after: '1h', cancelOn: ['order.shipped'], actions: [{ type: 'send_message', to: 'seller', template: '订单 {{event.subject.orderId}} 请尽快发货' }] }],
};
const testCase = { name: '问候', turns: [{ user: '你好', expect: { intent: 'greeting' } }] };

function id(body: unknown, key = 'id'): string {
  const value = (body as Record<string, unknown>)[key];
  if (typeof value !== 'string') throw new Error(`no ${key} in ${JSON.stringify(body)}`);
  return value;
}

/** One call per documented route, in an order that builds what later calls need. */
function calls(t: TestApp, ctx: Ctx): [string, () => Promise<Res>][] {
  return [
    ['GET /health', () => t.get('/health', { token: null })],
    ['GET /metrics', () => t.get('/metrics', { token: null })],
    ['POST /v1/auth/login', () => t.post('/v1/auth/login', { email: t.admin.email, password: t.admin.password }, { token: null })],
    ['GET /v1/auth/me', () => t.get('/v1/auth/me')],
    ['GET /v1/users', () => t.get('/v1/users')],
    ['POST /v1/users', async () => {
      const res = await t.post('/v1/users', { email: 'agent@contract.test', password: 'agent-password', role: 'agent' });
      ctx.userId = id(res.body);
      return res;
    }],
    ['GET /v1/users/:id', () => t.get(`/v1/users/${ctx.userId}`)],
    ['PATCH /v1/users/:id', () => t.patch(`/v1/users/${ctx.userId}`, { name: '客服一号' })],
    // Per-bot access: the agent gets a grant on the seeded bot and reads its own reach with its own token.
    ['PUT /v1/users/:id/bots/:bot', () => t.put(`/v1/users/${ctx.userId}/bots/${BOT}`, { role: 'agent' })],
    ['GET /v1/users/:id/bots', () => t.get(`/v1/users/${ctx.userId}/bots`)],
    ['GET /v1/bots/:bot/members', () => t.get(`${b}/members`)],
    ['GET /v1/auth/me/bots', async () => {
      const login = must(await t.post<{ token: string }>('/v1/auth/login', { email: 'agent@contract.test', password: 'agent-password' }, { token: null }), 200);
      return t.get('/v1/auth/me/bots', { token: login.token });
    }],
    ['DELETE /v1/users/:id/bots/:bot', () => t.delete(`/v1/users/${ctx.userId}/bots/${BOT}`)],
    ['GET /v1/bots', () => t.get('/v1/bots')],
    ['POST /v1/bots', () => t.post('/v1/bots', { key: 'xianyu', name: '闲鱼' })],
    ['GET /v1/bots/:bot', () => t.get(b)],
    ['GET /v1/bots/:bot/api-keys', () => t.get(`${b}/api-keys`)],
    ['POST /v1/bots/:bot/api-keys', async () => {
      const res = await t.post(`${b}/api-keys`, { name: 'to revoke' });
      ctx.apiKeyId = id(res.body);
      return res;
    }],
    ['DELETE /v1/bots/:bot/api-keys/:id', () => t.delete(`${b}/api-keys/${ctx.apiKeyId}`)],
    // Flows: the seeded `main` v1 is live; these add v2 and move the pointer.
    ['GET /v1/bots/:bot/flows', () => t.get(`${b}/flows`)],
    ['POST /v1/bots/:bot/flows', () => t.post(`${b}/flows`, { document: { ...testFlow('other'), key: 'other', name: '另一个' } })],
    ['GET /v1/bots/:bot/flows/:flow', () => t.get(`${b}/flows/main`)],
    ['PUT /v1/bots/:bot/flows/:flow', async () => {
      const draft = must(await t.get<{ document: unknown; revision: number }>(`${b}/flows/main`), 200);
      return t.put(`${b}/flows/main`, { document: testFlow('v2'), revision: draft.revision });
    }],
    ['POST /v1/bots/:bot/flows/:flow/validate', () => t.post(`${b}/flows/main/validate`, {})],
    ['POST /v1/bots/:bot/flows/:flow/tests', async () => {
      const res = await t.post(`${b}/flows/main/tests`, testCase);
      ctx.testCaseId = id(res.body);
      return res;
    }],
    ['GET /v1/bots/:bot/flows/:flow/tests', () => t.get(`${b}/flows/main/tests`)],
    ['GET /v1/bots/:bot/flows/:flow/tests/:id', () => t.get(`${b}/flows/main/tests/${ctx.testCaseId}`)],
    ['PUT /v1/bots/:bot/flows/:flow/tests/:id', () => t.put(`${b}/flows/main/tests/${ctx.testCaseId}`, { ...testCase, description: '打招呼' })],
    ['POST /v1/bots/:bot/flows/:flow/tests/run', () => t.post(`${b}/flows/main/tests/run`, { version: 'draft' })],
    ['POST /v1/bots/:bot/flows/:flow/publish', () => t.post(`${b}/flows/main/publish`, { note: 'v2' })],
    ['GET /v1/bots/:bot/flows/:flow/versions', () => t.get(`${b}/flows/main/versions`)],
    ['GET /v1/bots/:bot/flows/:flow/versions/:number', () => t.get(`${b}/flows/main/versions/2`)],
    ['GET /v1/bots/:bot/flows/:flow/diff', () => t.get(`${b}/flows/main/diff?from=1&to=2`)],
    ['PUT /v1/bots/:bot/flows/:flow/live', () => t.put(`${b}/flows/main/live`, { version: 2, reason: 'contract test', canary: { version: 1, percent: 10 } })],
    ['GET /v1/bots/:bot/flows/:flow/releases', () => t.get(`${b}/flows/main/releases`)],
    // Test chat, recorded as a test case.
    ['POST /v1/bots/:bot/preview/:session/messages', () => t.post(`${b}/preview/s1/messages`, { messageId: 'p1', text: '你好', flow: 'main' })],
    ['POST /v1/bots/:bot/flows/:flow/tests/from-preview', () => t.post(`${b}/flows/main/tests/from-preview`, { session: 's1', name: '录制的会话' })],
    ['DELETE /v1/bots/:bot/preview/:session', () => t.delete(`${b}/preview/s1`)],
    ['DELETE /v1/bots/:bot/flows/:flow/tests/:id', () => t.delete(`${b}/flows/main/tests/${ctx.testCaseId}`)],
    // Live chat and the agent inbox.
    ['POST /v1/bots/:bot/conversations/:cid/messages', () => t.post(`${b}/conversations/c1/messages`, { messageId: 'm1', text: '你好', trace: true }, { token: ctx.apiKey })],
    ['GET /v1/bots/:bot/conversations/:cid', () => t.get(`${b}/conversations/c1`)],
    ['GET /v1/bots/:bot/conversations/:cid/messages', () => t.get(`${b}/conversations/c1/messages`)],
    ['GET /v1/handoffs', async () => {
      must(await t.post(`${b}/conversations/c2/messages`, { messageId: 'h1', text: '转人工' }, { token: ctx.apiKey }), 200);
      const res = await t.get<{ handoffs: { id: string; externalId: string }[] }>(`/v1/handoffs?bot=${BOT}&status=open`);
      ctx.handoffId = res.body.handoffs.find((h) => h.externalId === 'c2')?.id ?? '';
      return res;
    }],
    ['GET /v1/handoffs/:id', () => t.get(`/v1/handoffs/${ctx.handoffId}`)],
    ['POST /v1/handoffs/:id/claim', () => t.post(`/v1/handoffs/${ctx.handoffId}/claim`)],
    ['POST /v1/handoffs/:id/reply', () => t.post(`/v1/handoffs/${ctx.handoffId}/reply`, { text: '您好，我是客服' })],
    ['POST /v1/handoffs/:id/release', () => t.post(`/v1/handoffs/${ctx.handoffId}/release`)],
    // NLU data and models (the shipped xianyu model is version 1 of the bot created above).
    ['GET /v1/bots/:bot/nlu', () => t.get(`${b}/nlu`)],
    ['PUT /v1/bots/:bot/nlu', async () => {
      const nlu = must(await t.get<{ document: unknown; revision: number }>(`${b}/nlu`), 200);
      return t.put(`${b}/nlu`, { document: nlu.document, revision: nlu.revision });
    }],
    // NLU data as a versioned kind: the seeded data is live v1; publishing the saved draft adds v2.
    ['GET /v1/bots/:bot/nlu/status', () => t.get(`${b}/nlu/status`)],
    ['POST /v1/bots/:bot/nlu/gate', () => t.post(`${b}/nlu/gate`, {})],
    ['POST /v1/bots/:bot/nlu/publish', async () => {
      const nlu = must(await t.get<{ revision: number }>(`${b}/nlu`), 200);
      return t.post(`${b}/nlu/publish`, { note: 'contract', revision: nlu.revision });
    }],
    ['GET /v1/bots/:bot/nlu/versions', () => t.get(`${b}/nlu/versions`)],
    ['GET /v1/bots/:bot/nlu/versions/:number', () => t.get(`${b}/nlu/versions/1`)],
    ['GET /v1/bots/:bot/nlu/diff', () => t.get(`${b}/nlu/diff?from=1&to=2`)],
    ['PUT /v1/bots/:bot/nlu/live', () => t.put(`${b}/nlu/live`, { version: 2, reason: 'contract test' })],
    ['GET /v1/bots/:bot/nlu/releases', () => t.get(`${b}/nlu/releases`)],
    ['GET /v1/bots/:bot/models', () => t.get('/v1/bots/xianyu/models')],
    ['GET /v1/bots/:bot/models/:version', () => t.get('/v1/bots/xianyu/models/1')],
    ['POST /v1/bots/:bot/models/:version/activate', () => t.post('/v1/bots/xianyu/models/1/activate', {})],
    ['POST /v1/bots/:bot/models/train', () => t.post(`${b}/models/train`, { note: 'contract' })],
    // Two ready model versions of the seeded bot (tiny real ONNX bundles): 50 live, 51 as a canary.
    ['POST /v1/bots/:bot/models/:version/canary', async () => {
      const bundle = trainTinyBundle(3);
      for (const number of [50, 51]) {
        await t.dataSource.query(
          `INSERT INTO nlu_model_versions (bot_key, number, status, origin, intent_onnx, slots_onnx, emotion_onnx, created_by, note) VALUES ($1, $2, 'ready', 'trained', $3, $4, $5, 'contract', $6)`,
          [BOT, number, Buffer.from(bundle.intent), Buffer.from(bundle.slots), Buffer.from(bundle.emotion), `copy ${number}`],
        );
      }
      must(await t.post(`${b}/models/50/activate`, {}), 200);
      return t.post(`${b}/models/51/canary`, { percent: 20 });
    }],
    ['GET /v1/bots/:bot/models/diff', () => t.get(`${b}/models/diff?from=50&to=51`)],
    // Rule sets, events, rules.
    ['POST /v1/bots/:bot/rulesets', () => t.post(`${b}/rulesets`, { document: ruleSet })],
    ['GET /v1/bots/:bot/rulesets', () => t.get(`${b}/rulesets`)],
    ['GET /v1/bots/:bot/rulesets/:key', () => t.get(`${b}/rulesets/reminders`)],
    ['PUT /v1/bots/:bot/rulesets/:key', () => t.put(`${b}/rulesets/reminders`, { document: ruleSet, revision: 1 })],
    ['POST /v1/bots/:bot/rulesets/:key/validate', () => t.post(`${b}/rulesets/reminders/validate`, {})],
    ['POST /v1/bots/:bot/rulesets/:key/publish', async () => {
      must(await t.post(`${b}/rulesets/reminders/publish`, { note: 'v1' }), 201);
      return t.post(`${b}/rulesets/reminders/publish`, { note: 'v2' });
    }],
    ['GET /v1/bots/:bot/rulesets/:key/versions', () => t.get(`${b}/rulesets/reminders/versions`)],
    ['GET /v1/bots/:bot/rulesets/:key/versions/:number', () => t.get(`${b}/rulesets/reminders/versions/1`)],
    ['GET /v1/bots/:bot/rulesets/:key/diff', () => t.get(`${b}/rulesets/reminders/diff?from=1&to=2`)],
    ['PUT /v1/bots/:bot/rulesets/:key/live', () => t.put(`${b}/rulesets/reminders/live`, { version: 1 })],
    ['GET /v1/bots/:bot/rulesets/:key/releases', () => t.get(`${b}/rulesets/reminders/releases`)],
    ['POST /v1/events', () => t.post('/v1/events', event('e1'), { token: ctx.apiKey })],
    ['POST /v1/events/batch', () => t.post('/v1/events/batch', { events: [event('e2'), event('e3', 'order.shipped')] }, { token: ctx.apiKey })],
    ['POST /v1/bots/:bot/events', () => t.post(`${b}/events`, event('e4'))],
    ['POST /v1/bots/:bot/events/batch', () => t.post(`${b}/events/batch`, { events: [event('e5')] })],
    ['GET /v1/bots/:bot/events', () => t.get(`${b}/events`)],
    ['GET /v1/bots/:bot/rules', () => t.get(`${b}/rules`)],
    ['POST /v1/bots/:bot/rules/simulate', () => t.post(`${b}/rules/simulate`, { ruleSet: 'reminders', version: 1, events: [event('s1')] })],
    ['GET /v1/bots/:bot/rules/fires', () => t.get(`${b}/rules/fires`)],
    ['GET /v1/bots/:bot/rules/deliveries', () => t.get(`${b}/rules/deliveries`)],
    ['GET /v1/bots/:bot/rules/dead-letters', () => t.get(`${b}/rules/dead-letters`)],
    ['POST /v1/bots/:bot/rules/deliveries/:id/retry', async () => {
      // A dead delivery to retry: one webhook delivery that ran out of attempts.
      const [row] = (await t.dataSource.query(
        `INSERT INTO trigger_deliveries (id, job_id, bot_key, rule_id, kind, action, status, attempts, last_error)
         VALUES (gen_random_uuid(), gen_random_uuid(), $1, 'unshipped', 'webhook', $2, 'dead', 5, 'receiver down') RETURNING id`,
        [BOT, JSON.stringify({ type: 'webhook', url: 'https://example.com/hook', headers: {}, body: '{}' })],
      )) as { id: string }[];
      return t.post(`${b}/rules/deliveries/${row!.id}/retry`);
    }],
    ['GET /v1/sandbox/orders/:orderId', () => t.get('/v1/sandbox/orders/XY20261125000123', { token: null })],
    ['GET /v1/sandbox/routes', () => t.get('/v1/sandbox/routes', { token: null })],
    ['GET /v1/sandbox/items', () => t.get('/v1/sandbox/items?category=audio', { token: null })],
    ['GET /v1/sandbox/items/:itemId', () => t.get('/v1/sandbox/items/it1002', { token: null })],
    ['GET /v1/sandbox/items/:itemId/photos/:photo', () => t.get('/v1/sandbox/items/it1002/photos/1.svg', { token: null })],
  ];
}

/** Keys the raw body has but the parsed value lost: fields the schema does not name (a nested `z.object` strips them). */
function unnamedKeys(raw: unknown, parsed: unknown, path = ''): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) return raw.flatMap((item, i) => unnamedKeys(item, parsed[i], `${path}[${i}]`));
  if (raw && typeof raw === 'object' && parsed && typeof parsed === 'object' && !Array.isArray(raw)) {
    const out = parsed as Record<string, unknown>;
    return Object.entries(raw as Record<string, JsonValue>).flatMap(([key, value]) => (key in out ? unnamedKeys(value, out[key], `${path}.${key}`) : [`${path}.${key}`]));
  }
  return [];
}

/** Sub-schemas of a JSON Schema that accept anything (`{}` from `z.unknown()`/`z.any()`, `additionalProperties: true` from passthrough). */
function openSchemas(schema: unknown, path = '$'): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => openSchemas(s, `${path}[${i}]`));
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const meaningful = Object.keys(node).filter((k) => k !== 'description' && k !== 'default');
  if (meaningful.length === 0) return [path];
  const found: string[] = [];
  if (node['additionalProperties'] === true || (node['type'] === 'object' && !('additionalProperties' in node) && !('properties' in node) && !('$ref' in node))) found.push(`${path}.additionalProperties`);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value && typeof value === 'object') for (const [name, sub] of Object.entries(value)) found.push(...openSchemas(sub, `${path}.${name}`));
    else if (['items', 'additionalProperties', 'anyOf', 'oneOf', 'allOf', 'prefixItems', '$defs'].includes(key) && typeof value === 'object') {
      if (key === '$defs') for (const [name, sub] of Object.entries(value as object)) found.push(...openSchemas(sub, `${path}.$defs.${name}`));
      else found.push(...openSchemas(value, `${path}.${key}`));
    }
  }
  return found;
}

describe('wire contract: every route answers what its shared schema says', () => {
  let t: TestApp;
  let doc: OpenApi;
  const ctx: Ctx = { apiKey: '', userId: '', apiKeyId: '', testCaseId: '', handoffId: '' };
  const results = new Map<string, Res>();

  beforeAll(async () => {
    t = await createTestApp();
    ctx.apiKey = await setupBot(t, BOT, testFlow('v1'));
    doc = must(await t.get<OpenApi>('/docs/openapi.json', { token: null }), 200);
    for (const [route, call] of calls(t, ctx)) results.set(route, await call());
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const routeKey = (r: RouteDoc) => `${r.method} ${r.path}`;
  const docKeys = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`));

  it('every route of the OpenAPI document has a shared response schema and a call here', () => {
    const documented = new Map(documentedRoutes().map((r) => [routeKey(r), r]));
    const all = docKeys();
    expect(all.length).toBeGreaterThan(70);
    // Served but undocumented routes appear as "(not documented yet)" without a schema: none may be left.
    expect(all.filter((key) => !documented.has(key))).toEqual([]);
    expect(all.filter((key) => documented.get(key)!.response === null && documented.get(key)!.status !== 204)).toEqual([]);
    expect(all.filter((key) => !results.has(key))).toEqual([]);
  });

  it('no response schema accepts anything (no unknown, any or passthrough)', () => {
    const open = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => {
        const responses = (op as unknown as { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }).responses;
        return Object.entries(responses)
          .filter(([code]) => code.startsWith('2'))
          .flatMap(([code, r]) => Object.values(r.content ?? {}).flatMap((c) => openSchemas(c.schema).map((where) => `${method.toUpperCase()} ${path} ${code} ${where}`)));
      }),
    );
    expect(open).toEqual([]);
  });

  it('every real response has the documented status and parses with its strict schema, naming every field', () => {
    const failures: string[] = [];
    for (const route of documentedRoutes()) {
      const key = routeKey(route);
      const res = results.get(key);
      if (!res) continue;
      const status = route.status ?? (route.method === 'POST' ? 201 : 200);
      if (res.status !== status) {
        failures.push(`${key}: status ${res.status}, expected ${status}: ${JSON.stringify(res.body).slice(0, 300)}`);
        continue;
      }
      if (route.response === null) {
        if (res.body !== '') failures.push(`${key}: 204 with a body`);
        continue;
      }
      const parsed = route.response.safeParse(res.body);
      if (!parsed.success) {
        failures.push(`${key}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
        continue;
      }
      for (const unnamed of unnamedKeys(res.body, parsed.data)) failures.push(`${key}: field ${unnamed} is not in the schema`);
    }
    expect(failures).toEqual([]);
  });

  it('error bodies carry a stable code and params (and validation issues as before)', async () => {
    const notFound = await t.get(`/v1/bots/nope`);
    expect(notFound.status).toBe(404);
    expect(errorBodySchema.parse(notFound.body)).toMatchObject({ error: 'not_found', params: { resource: 'bot', id: 'nope' }, message: expect.any(String) });
    const invalid = await t.post('/v1/bots', { key: '', name: '' });
    expect(invalid.status).toBe(400);
    expect(errorBodySchema.parse(invalid.body)).toMatchObject({ error: 'validation_failed', params: {}, issues: expect.arrayContaining([expect.objectContaining({ path: 'key' })]) });
    const exists = await t.post('/v1/bots', { key: BOT, name: BOT });
    expect(errorBodySchema.parse(exists.body)).toMatchObject({ error: 'bot_exists', params: { key: BOT } });
    const stale = await t.put(`${b}/flows/main`, { document: testFlow('v3'), revision: 1 });
    expect(stale.status).toBe(409);
    expect(errorBodySchema.parse(stale.body)).toMatchObject({ error: 'stale_revision', params: { revision: expect.any(Number) }, current: expect.any(Object) });
    const denied = await t.get('/v1/users', { token: await t.loginAs('viewer') });
    expect(errorBodySchema.parse(denied.body)).toMatchObject({ error: 'forbidden', params: { roles: expect.any(String) } });
    const anonymous = await t.get('/v1/bots', { token: null });
    expect(errorBodySchema.parse(anonymous.body)).toMatchObject({ error: 'unauthorized', params: {} });
    const wrongPassword = await t.post('/v1/auth/login', { email: t.admin.email, password: 'not-the-password' }, { token: null });
    expect(wrongPassword.status).toBe(401);
    expect(errorBodySchema.parse(wrongPassword.body)).toMatchObject({ error: 'invalid_credentials', params: {} });
    // A non-admin asking for a bot it has no grant on: 404 as for a missing bot.
    const agent = await t.loginAs('agent', { bots: [] });
    const hidden = await t.get(b, { token: agent });
    expect(hidden.status).toBe(404);
    expect(errorBodySchema.parse(hidden.body)).toMatchObject({ error: 'not_found', params: { resource: 'bot', id: BOT } });
  });
});
