import { API_ERROR_CODES } from '@zhishou/flow-schema';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import type { ApiClient, HttpMethod } from './client';
import { endpoints } from './endpoints';
import { inboxApi } from './inbox';
import { modelsApi } from './models';
import { nluApi } from './nlu';
import { previewApi } from './preview';
import { rulesApi } from './rules';
import { sandboxApi } from './sandbox';
import { testsApi } from './tests';
import { versionsApi } from './versions';

/** Every endpoint the designer calls, by area: each must read its response through a shared schema. */
interface Call {
  method: HttpMethod;
  path: string;
  schema: z.ZodType;
}
const STOP = new Error('recorded');

function recordingClient(calls: Call[]): ApiClient {
  const request = <S extends z.ZodType>(method: HttpMethod, path: string, schema: S): Promise<z.output<S>> => {
    calls.push({ method, path, schema });
    return Promise.reject(STOP);
  };
  return {
    request,
    get: (path, schema) => request('GET', path, schema),
    post: (path, _body, schema) => request('POST', path, schema),
    put: (path, _body, schema) => request('PUT', path, schema),
    patch: (path, _body, schema) => request('PATCH', path, schema),
    delete: (path, schema) => request('DELETE', path, schema),
  };
}

const AREAS = { endpoints, inboxApi, modelsApi, nluApi, previewApi, rulesApi, sandboxApi, testsApi, versionsApi } as const;
type Endpoint = (...args: never[]) => Promise<unknown>;

/** Sub-schemas that accept anything: `{}` (z.unknown / z.any) or an object open to extra keys. */
function openSchemas(schema: unknown, path = '$'): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => openSchemas(s, `${path}[${i}]`));
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  if (Object.keys(node).filter((k) => k !== 'description' && k !== 'default').length === 0) return [path];
  const own = node['additionalProperties'] === true ? [`${path}.additionalProperties`] : [];
  return [
    ...own,
    ...Object.entries(node).flatMap(([key, value]) =>
      key === 'properties' || key === '$defs'
        ? Object.entries(value as Record<string, unknown>).flatMap(([name, sub]) => openSchemas(sub, `${path}.${name}`))
        : ['items', 'additionalProperties', 'anyOf', 'oneOf', 'allOf', 'prefixItems'].includes(key) && typeof value === 'object'
          ? openSchemas(value, `${path}.${key}`)
          : [],
    ),
  ];
}

describe('the designer reads every endpoint through its shared response schema', () => {
  const table: { name: string; call: Call | undefined }[] = [];
  for (const [area, factory] of Object.entries(AREAS)) {
    const calls: Call[] = [];
    const routes = factory(recordingClient(calls)) as unknown as Record<string, Endpoint>;
    for (const [name, fn] of Object.entries(routes)) {
      const before = calls.length;
      // Arguments do not matter: the recording client stops at the first request.
      const args = ['b', 'f', 'x', 'y'] as never[];
      void fn(...args).catch(() => undefined);
      table.push({ name: `${area}.${name}`, call: calls.length > before ? calls[before] : undefined });
    }
  }

  it('lists the endpoints (each wrapper makes one request)', () => {
    expect(table.length).toBeGreaterThan(40);
    expect(table.filter((row) => row.call === undefined).map((row) => row.name)).toEqual([]);
  });

  it('each response schema is closed: no unknown, any or passthrough', () => {
    const open = table.flatMap(({ name, call }) =>
      call && call.method !== 'DELETE' ? openSchemas(z.toJSONSchema(call.schema, { io: 'output', unrepresentable: 'any', cycles: 'ref', reused: 'inline' })).map((where) => `${name} ${where}`) : [],
    );
    expect(open).toEqual([]);
  });

  it('no code outside src/api calls fetch itself', () => {
    const root = join(__dirname, '..');
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        return statSync(path).isDirectory() ? walk(path) : /\.(ts|tsx)$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [path] : [];
      });
    })(root);
    const offenders = files.filter((file) => !relative(root, file).startsWith('api') && /\bfetch\(/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('every api error code has a text in both languages', () => {
    const errors = (locale: unknown) => (locale as { errors: Record<string, unknown> }).errors;
    for (const code of [...API_ERROR_CODES, 'network_error', 'invalid_response']) {
      expect(typeof errors(zhCN)[code], code).toBe('string');
      expect(typeof errors(en)[code], code).toBe('string');
    }
  });
});
