import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedRoutes } from '../../src/infra/http-server/openapi';
import { must, setupBot, testFlow } from '../chat/chat-fixtures';
import { createTestApp, type TestApp } from '../support';

type Operation = { summary: string; tags: string[]; security: unknown[]; responses: Record<string, unknown>; requestBody?: { content: { 'application/json': { schema: { properties?: Record<string, unknown>; required?: string[] } } } } };
type OpenApi = { paths: Record<string, Record<string, Operation>> };

// Route prefixes of the modules whose routes must all be documented.
const COVERED = ['/v1/bots/{bot}/flows', '/v1/bots/{bot}/conversations', '/v1/bots/{bot}/preview', '/v1/handoffs', '/v1/bots/{bot}/nlu', '/v1/sandbox', '/v1/bots/{bot}/models', '/v1/users', '/health'];

function operations(doc: OpenApi): { key: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));
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
    // The flow document is described by the Flow zod schema, not left as "any".
    const save = doc.paths['/v1/bots/{bot}/flows/{flow}']!['put']!.requestBody!.content['application/json'].schema;
    const flowDoc = save.properties?.['document'] as { properties?: Record<string, unknown> };
    expect(Object.keys(flowDoc.properties ?? {})).toEqual(expect.arrayContaining(['key', 'nodes', 'edges', 'settings']));
    expect(save.required).toEqual(expect.arrayContaining(['document', 'revision']));
  });

  // The documented response schemas are checked against what the server really sends.
  it('real responses match the documented response schemas', async () => {
    const schemaOf = (method: string, path: string) => {
      const route = documentedRoutes().find((r) => r.method === method && r.path === path);
      if (!route?.response) throw new Error(`no documented response for ${method} ${path}`);
      return route.response;
    };
    const check = (method: string, path: string, body: unknown) => {
      const parsed = schemaOf(method, path).safeParse(body);
      expect(parsed.success ? [] : parsed.error.issues, `${method} ${path}`).toEqual([]);
    };
    const chat = must(await t.post('/v1/bots/docbot/conversations/c1/messages', { messageId: 'm1', text: '你好', trace: true }, { token: apiKey }), 200);
    check('POST', '/v1/bots/:bot/conversations/:cid/messages', chat);
    check('GET', '/v1/bots/:bot/conversations/:cid', must(await t.get('/v1/bots/docbot/conversations/c1'), 200));
    check('GET', '/v1/bots/:bot/conversations/:cid/messages', must(await t.get('/v1/bots/docbot/conversations/c1/messages'), 200));
    check('GET', '/v1/bots/:bot/flows', must(await t.get('/v1/bots/docbot/flows'), 200));
    check('GET', '/v1/bots/:bot/flows/:flow', must(await t.get('/v1/bots/docbot/flows/main'), 200));
    check('POST', '/v1/bots/:bot/flows/:flow/validate', must(await t.post('/v1/bots/docbot/flows/main/validate', {}), 200));
    check('GET', '/v1/bots/:bot/flows/:flow/versions', must(await t.get('/v1/bots/docbot/flows/main/versions'), 200));
    check('GET', '/v1/bots/:bot/flows/:flow/versions/:number', must(await t.get('/v1/bots/docbot/flows/main/versions/1'), 200));
    check('GET', '/v1/bots/:bot/flows/:flow/diff', must(await t.get('/v1/bots/docbot/flows/main/diff?from=1&to=1'), 200));
    check('GET', '/v1/bots/:bot/flows/:flow/releases', must(await t.get('/v1/bots/docbot/flows/main/releases'), 200));
    check('GET', '/v1/bots/:bot/nlu', must(await t.get('/v1/bots/docbot/nlu'), 200));
    check('POST', '/v1/bots/:bot/preview/:session/messages', must(await t.post('/v1/bots/docbot/preview/s1/messages', { messageId: 'p1', text: '你好', flow: 'main' }), 200));
    check('GET', '/v1/handoffs', must(await t.get('/v1/handoffs'), 200));
    check('GET', '/v1/sandbox/orders/:orderId', must(await t.get('/v1/sandbox/orders/XY20261125000123', { token: null }), 200));
  });
});
