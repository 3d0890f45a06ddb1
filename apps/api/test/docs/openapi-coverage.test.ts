import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedRoutes } from '../../src/infra/http-server/openapi';
import { must, setupBot, testFlow } from '../chat/chat-fixtures';
import { createTestApp, type TestApp } from '../support';

type Operation = { summary: string; tags: string[]; security: unknown[]; responses: Record<string, unknown>; requestBody?: { content: { 'application/json': { schema: { properties?: Record<string, unknown>; required?: string[] } } } } };
type OpenApi = { paths: Record<string, Record<string, Operation>> };

// Route prefixes of the modules whose routes must all be documented.
const COVERED = ['/v1/events', '/v1/bots/{bot}/events', '/v1/bots/{bot}/rulesets', '/v1/bots/{bot}/rules', '/v1/bots/{bot}/flows', '/v1/bots/{bot}/conversations', '/v1/bots/{bot}/preview', '/v1/handoffs', '/v1/bots/{bot}/nlu', '/v1/sandbox', '/v1/bots/{bot}/models', '/v1/users', '/health'];

function schemasOf(op: Operation): Record<string, unknown>[] {
  const bodies = [op.requestBody?.content['application/json'].schema];
  // Any media type: /metrics is text/plain, sandbox photos image/svg+xml.
  const responses = Object.values(op.responses).flatMap((r) => Object.values((r as { content?: Record<string, { schema: Record<string, unknown> }> }).content ?? {}).map((c) => c.schema));
  return [...bodies, ...responses].filter((s): s is Record<string, unknown> => s !== undefined);
}

function operations(doc: OpenApi): { key: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));
}

/** The real response has the documented success status and parses with the documented response schema. */
function check(method: 'GET' | 'POST' | 'PUT', path: string, res: { status: number; body: unknown }): void {
  const route = documentedRoutes().find((r) => r.method === method && r.path === path);
  if (!route?.response) throw new Error(`no documented response for ${method} ${path}`);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(route.status ?? (method === 'POST' ? 201 : 200));
  const parsed = route.response.safeParse(res.body);
  expect(parsed.success ? [] : parsed.error.issues, `${method} ${path}`).toEqual([]);
}

describe('OpenAPI document at /docs/openapi.json', () => {
  let t: TestApp;
  let doc: OpenApi;
  let apiKey: string;
  beforeAll(async () => {
    t = await createTestApp();
    apiKey = await setupBot(t, 'docbot', testFlow('v1'));
    doc = must(await t.get<OpenApi>('/docs/openapi.json', { token: null }), 200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('documents every route of the covered modules (none left "(not documented yet)")', () => {
    const covered = operations(doc).filter(({ key }) => COVERED.some((prefix) => key.split(' ')[1]!.startsWith(prefix)));
    expect(covered.length).toBeGreaterThan(25);
    expect(covered.filter(({ op }) => op.summary === '(not documented yet)').map(({ key }) => key)).toEqual([]);
    for (const { key, op } of covered) {
      expect(op.tags.length, key).toBe(1);
      expect(Object.keys(op.responses).some((code) => code.startsWith('2')), key).toBe(true);
      // A zod schema that JSON Schema conversion could not represent would show up as {}.
      for (const schema of schemasOf(op)) expect(Object.keys(schema).length, key).toBeGreaterThan(0);
    }
  });

  it('the chat route documents its body (with messageId), the API-key security and its errors', () => {
    const chat = doc.paths['/v1/bots/{bot}/conversations/{cid}/messages']!['post']!;
    const body = chat.requestBody!.content['application/json'].schema;
    expect(Object.keys(body.properties ?? {})).toEqual(expect.arrayContaining(['messageId', 'text', 'image', 'trace']));
    expect(body.required).toContain('messageId');
    expect(chat.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(Object.keys(chat.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409']));
    expect(Object.keys(doc.paths['/v1/bots/{bot}/flows/{flow}']!['put']!.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409']));
    expect(doc.paths['/v1/sandbox/orders/{orderId}']!['get']!.security).toEqual([]);
    // The marketplace's event door takes only the API key.
    expect(doc.paths['/v1/events']!['post']!.security).toEqual([{ apiKey: [] }]);
    // The flow document is described by the Flow zod schema, not left as "any".
    const save = doc.paths['/v1/bots/{bot}/flows/{flow}']!['put']!.requestBody!.content['application/json'].schema;
    const flowDoc = save.properties?.['document'] as { properties?: Record<string, unknown> };
    expect(Object.keys(flowDoc.properties ?? {})).toEqual(expect.arrayContaining(['key', 'nodes', 'edges', 'settings']));
    expect(save.required).toEqual(expect.arrayContaining(['document', 'revision']));
  });

  // The documented success status and response schema are checked against what the server really sends.
  it('real responses match the documented status and response schemas', async () => {
    check('POST', '/v1/bots/:bot/conversations/:cid/messages', await t.post('/v1/bots/docbot/conversations/c1/messages', { messageId: 'm1', text: '你好', trace: true }, { token: apiKey }));
    check('GET', '/v1/bots/:bot/conversations/:cid', await t.get('/v1/bots/docbot/conversations/c1'));
    check('GET', '/v1/bots/:bot/conversations/:cid/messages', await t.get('/v1/bots/docbot/conversations/c1/messages'));
    check('GET', '/v1/bots/:bot/flows', await t.get('/v1/bots/docbot/flows'));
    check('GET', '/v1/bots/:bot/flows/:flow', await t.get('/v1/bots/docbot/flows/main'));
    check('POST', '/v1/bots/:bot/flows/:flow/validate', await t.post('/v1/bots/docbot/flows/main/validate', {}));
    const draft = must(await t.get<{ document: unknown; revision: number }>('/v1/bots/docbot/flows/main'), 200);
    check('PUT', '/v1/bots/:bot/flows/:flow', await t.put('/v1/bots/docbot/flows/main', draft));
    check('POST', '/v1/bots/:bot/flows/:flow/publish', await t.post('/v1/bots/docbot/flows/main/publish', { note: 'v2' }));
    check('GET', '/v1/bots/:bot/flows/:flow/versions', await t.get('/v1/bots/docbot/flows/main/versions'));
    check('GET', '/v1/bots/:bot/flows/:flow/versions/:number', await t.get('/v1/bots/docbot/flows/main/versions/1'));
    check('GET', '/v1/bots/:bot/flows/:flow/diff', await t.get('/v1/bots/docbot/flows/main/diff?from=1&to=2'));
    check('PUT', '/v1/bots/:bot/flows/:flow/live', await t.put('/v1/bots/docbot/flows/main/live', { version: 2, reason: 'docs test' }));
    check('GET', '/v1/bots/:bot/flows/:flow/releases', await t.get('/v1/bots/docbot/flows/main/releases'));
    check('GET', '/v1/bots/:bot/nlu', await t.get('/v1/bots/docbot/nlu'));
    check('POST', '/v1/bots/:bot/preview/:session/messages', await t.post('/v1/bots/docbot/preview/s1/messages', { messageId: 'p1', text: '你好', flow: 'main' }));
    check('GET', '/v1/handoffs', await t.get('/v1/handoffs'));
    check('GET', '/v1/sandbox/orders/:orderId', await t.get('/v1/sandbox/orders/XY20261125000123', { token: null }));
    check('GET', '/v1/bots/:bot/models', await t.get('/v1/bots/docbot/models'));
    check('GET', '/v1/users', await t.get('/v1/users'));
    check('GET', '/health', await t.get('/health', { token: null }));
  });

  it('the events and rules routes answer with their documented status and shapes', async () => {
    const ruleSet = {
      key: 'reminders',
      name: '提醒',
      rules: [{ id: 'unshipped', name: '未发货提醒', on: 'order.paid', after: '1h', cancelOn: ['order.shipped'], actions: [{ type: 'send_message', to: 'seller', template: '订单 {{event.subject.orderId}} 请尽快发货' }] }],
    };
    const event = { eventId: 'e1', type: 'order.paid', occurredAt: new Date().toISOString(), subject: { orderId: 'o-1' } };
    check('POST', '/v1/bots/:bot/rulesets', await t.post('/v1/bots/docbot/rulesets', { document: ruleSet }));
    check('GET', '/v1/bots/:bot/rulesets/:key', await t.get('/v1/bots/docbot/rulesets/reminders'));
    check('POST', '/v1/bots/:bot/rulesets/:key/validate', await t.post('/v1/bots/docbot/rulesets/reminders/validate', {}));
    check('POST', '/v1/bots/:bot/rulesets/:key/publish', await t.post('/v1/bots/docbot/rulesets/reminders/publish', { note: 'v1' }));
    check('PUT', '/v1/bots/:bot/rulesets/:key/live', await t.put('/v1/bots/docbot/rulesets/reminders/live', { version: 1 }));
    check('GET', '/v1/bots/:bot/rulesets/:key/versions', await t.get('/v1/bots/docbot/rulesets/reminders/versions'));
    check('POST', '/v1/events', await t.post('/v1/events', event, { token: apiKey }));
    check('POST', '/v1/bots/:bot/events/batch', await t.post('/v1/bots/docbot/events/batch', { events: [event, { ...event, eventId: 'e2', type: 'order.shipped' }] }));
    check('GET', '/v1/bots/:bot/events', await t.get('/v1/bots/docbot/events'));
    check('GET', '/v1/bots/:bot/rules', await t.get('/v1/bots/docbot/rules'));
    check('POST', '/v1/bots/:bot/rules/simulate', await t.post('/v1/bots/docbot/rules/simulate', { ruleSet: 'reminders', version: 1, events: [event] }));
    check('GET', '/v1/bots/:bot/rules/fires', await t.get('/v1/bots/docbot/rules/fires'));
    check('GET', '/v1/bots/:bot/rules/deliveries', await t.get('/v1/bots/docbot/rules/deliveries'));
    check('GET', '/v1/bots/:bot/rules/dead-letters', await t.get('/v1/bots/docbot/rules/dead-letters'));
  });

  it('the handoff and NLU write routes answer with their documented shapes', async () => {
    must(await t.post('/v1/bots/docbot/conversations/c2/messages', { messageId: 'h1', text: '转人工' }, { token: apiKey }), 200);
    const { handoffs } = must(await t.get<{ handoffs: { id: string; externalId: string }[] }>('/v1/handoffs?bot=docbot&status=open'), 200);
    const id = handoffs.find((h) => h.externalId === 'c2')!.id;
    check('POST', '/v1/handoffs/:id/claim', await t.post(`/v1/handoffs/${id}/claim`));
    check('POST', '/v1/handoffs/:id/reply', await t.post(`/v1/handoffs/${id}/reply`, { text: '您好，我是客服' }));
    check('POST', '/v1/handoffs/:id/release', await t.post(`/v1/handoffs/${id}/release`));
    const nlu = must(await t.get<{ document: unknown; revision: number }>('/v1/bots/docbot/nlu'), 200);
    check('PUT', '/v1/bots/:bot/nlu', await t.put('/v1/bots/docbot/nlu', { document: nlu.document, revision: nlu.revision }));
  });
});
