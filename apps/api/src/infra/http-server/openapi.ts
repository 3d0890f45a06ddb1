import { errorBodySchema } from '@zhishou/flow-schema';
import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One documented route. Paths are written as in Nest (`/v1/bots/:bot`). */
export interface RouteDoc {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  /** public: no auth; user: JWT (default); bot: JWT or the bot's `zk_…` API key; apiKey: the `zk_…` key only (machine routes). */
  auth?: 'public' | 'user' | 'bot' | 'apiKey';
  /** Roles allowed besides admin, when narrower than "any logged-in user". */
  roles?: readonly string[];
  /** Request body schema from `@zhishou/flow-schema` (libs/flow-schema/src/api). */
  body?: z.ZodType;
  query?: z.ZodObject;
  /** Response body schema from `@zhishou/flow-schema` (strict); `null` only for a 204 without body. Required: the contract test parses every real response with it. */
  response: z.ZodType | null;
  /** Media type of the success body (default application/json). */
  contentType?: string;
  /** Status of a success (default 200, or 201 for POST). */
  status?: number;
  /** Other notable statuses and what they mean, e.g. `{ 409: 'stale revision' }`. */
  errors?: Record<number, string>;
}

const routes = new Map<string, RouteDoc>();

/**
 * Adds routes to the OpenAPI document at /docs. Call at the top level of a controller file:
 *   documentRoutes([{ method: 'GET', path: '/v1/bots/:bot', summary: 'Get a bot', tag: 'bots', response: botSchema }]);
 */
export function documentRoutes(docs: RouteDoc[]): void {
  for (const doc of docs) routes.set(`${doc.method} ${doc.path}`, doc);
}

export function documentedRoutes(): RouteDoc[] {
  return [...routes.values()];
}

const DOC_METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes the server really has but no controller documented: listed bare, so /docs still shows every route. */
export function undocumentedRoutes(served: { method: string; url: string }[]): RouteDoc[] {
  const seen = new Set(documentedRoutes().map((doc) => `${doc.method} ${doc.path}`));
  const found = new Map<string, RouteDoc>();
  for (const { method, url } of served) {
    if (!DOC_METHODS.has(method) || !url.startsWith('/v1/') || seen.has(`${method} ${url}`)) continue;
    const tag = url.split('/')[2] ?? 'api';
    found.set(`${method} ${url}`, { method: method as HttpMethod, path: url, tag, summary: '(not documented yet)', response: null });
  }
  return [...found.values()];
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  try {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline', cycles: 'ref' }) as JsonSchema;
    return rest;
  } catch {
    return {};
  }
}

const errorSchema: JsonSchema = jsonSchema(errorBodySchema, 'output');

function operation(doc: RouteDoc): JsonSchema {
  const params = [...doc.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
  const query = doc.query
    ? Object.entries(doc.query.shape).map(([name, schema]) => ({ name, in: 'query', required: !(schema as z.ZodType).safeParse(undefined).success, schema: jsonSchema(schema as z.ZodType, 'input') }))
    : [];
  const status = doc.status ?? (doc.method === 'POST' ? 201 : 200);
  const auth = doc.auth ?? 'user';
  const responses: JsonSchema = {
    [status]: doc.response
      ? { description: 'success', content: { [doc.contentType ?? 'application/json']: { schema: jsonSchema(doc.response, 'output') } } }
      : { description: 'success' },
  };
  if (doc.body || doc.query) responses['400'] = { description: 'validation_failed: the issues list each bad field', content: { 'application/json': { schema: errorSchema } } };
  if (auth !== 'public') responses['401'] = { description: 'not logged in / bad token or API key', content: { 'application/json': { schema: errorSchema } } };
  if (doc.roles) responses['403'] = { description: `needs role ${['admin', ...doc.roles].join(' | ')}`, content: { 'application/json': { schema: errorSchema } } };
  for (const [code, description] of Object.entries(doc.errors ?? {})) responses[code] = { description, content: { 'application/json': { schema: errorSchema } } };
  return {
    summary: doc.summary,
    tags: [doc.tag],
    ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
    ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(doc.body, 'input') } } } } : {}),
    responses,
    security: auth === 'public' ? [] : auth === 'bot' ? [{ bearer: [] }, { apiKey: [] }] : auth === 'apiKey' ? [{ apiKey: [] }] : [{ bearer: [] }],
  };
}

/** The OpenAPI 3.1 document of every documented route (JSON Schema from the zod schemas). */
export function buildOpenApiDocument(info: { title: string; version: string; serverUrl: string }, served: { method: string; url: string }[] = []): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const sorted = [...documentedRoutes(), ...undocumentedRoutes(served)].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  for (const doc of sorted) {
    const path = doc.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] = { ...paths[path], [doc.method.toLowerCase()]: operation(doc) };
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: 'Zhishou (值守) API. Log in with POST /v1/auth/login and send `Authorization: Bearer <token>`; machine clients send the bot API key (`zk_…`) the same way.' },
    servers: [{ url: info.serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'token from POST /v1/auth/login' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'per-bot API key `zk_…` (bot and machine routes only)' },
      },
    },
    paths,
  };
}
