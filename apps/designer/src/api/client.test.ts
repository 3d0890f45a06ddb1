import { botSchema } from '@zhishou/flow-schema';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, createApiClient, describeApiError, noBody } from './client';
import { createI18n } from '../i18n';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const okSchema = z.strictObject({ ok: z.boolean() });
const bot = { key: 'b', name: 'B', description: '', settings: {}, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

describe('api client', () => {
  it('sends the token and JSON body and returns the reply parsed with its schema', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, { ok: true }));
    const client = createApiClient({ getToken: () => 'tok', fetchImpl });
    await expect(client.post('/v1/x', { a: 1 }, okSchema)).resolves.toEqual({ ok: true });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/v1/x');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect(init.body).toBe('{"a":1}');
  });

  it('refuses a reply that does not match the schema, loudly (invalid_response with the issues)', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const client = createApiClient({ getToken: () => null, fetchImpl: async () => jsonResponse(200, { ...bot, extra: 1, name: 3 }) });
    const failure = await client.get('/v1/bots/b', botSchema).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 200, code: 'invalid_response', params: { method: 'GET', path: '/v1/bots/b' } });
    expect((failure as ApiError).issues.map((i) => i.path)).toEqual(expect.arrayContaining(['name']));
    expect(error).toHaveBeenCalled();
    error.mockRestore();
    const empty = createApiClient({ getToken: () => null, fetchImpl: async () => new Response(null, { status: 204 }) });
    await expect(empty.delete('/v1/x', noBody)).resolves.toBeUndefined();
  });

  it('maps {error, params, issues} into an ApiError and signals 401', async () => {
    const onUnauthorized = vi.fn();
    const client = createApiClient({
      getToken: () => null,
      onUnauthorized,
      fetchImpl: async () => jsonResponse(400, { error: 'validation_failed', params: {}, issues: [{ path: 'name', message: 'Required' }] }),
    });
    const error = await client.get('/v1/x', okSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', issues: [{ path: 'name', message: 'Required' }] });
    expect(onUnauthorized).not.toHaveBeenCalled();

    const denied = createApiClient({ getToken: () => null, onUnauthorized, fetchImpl: async () => jsonResponse(401, { error: 'unauthorized', params: {} }) });
    await expect(denied.get('/v1/x', okSchema)).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('turns a network failure into a network_error', async () => {
    const client = createApiClient({ getToken: () => null, fetchImpl: async () => { throw new TypeError('Failed to fetch'); } });
    await expect(client.get('/v1/x', okSchema)).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('puts errors into words by code and params in the current language, never the api message', () => {
    const zh = createI18n('zh-CN').t;
    const en = createI18n('en').t;
    const error = new ApiError(400, 'validation_failed', [{ path: 'name', message: 'Required' }]);
    expect(describeApiError(error, en)).toBe('Some values are not valid. name: Required');
    expect(describeApiError(error, zh)).toContain('name: Required');
    expect(describeApiError(new ApiError(403, 'nope'), en)).toBe('You are not allowed to do this.');
    expect(describeApiError(new ApiError(500, 'boom'), en)).toBe('The server answered 500 (boom).');
    const notFound = new ApiError(404, 'not_found', [], { error: 'not_found', message: 'bot "x" not found' }, { resource: 'bot', id: 'x' });
    expect(describeApiError(notFound, zh)).toBe('找不到机器人「x」，可能已被删除。');
    expect(describeApiError(notFound, en)).toBe('Bot "x" was not found; it may have been deleted.');
    const claimed = new ApiError(409, 'already_claimed', [], undefined, { status: 'claimed', claimedBy: 'a@b.c' });
    expect(describeApiError(claimed, zh)).toContain('a@b.c');
    expect(describeApiError(claimed, en)).not.toContain('handoff is claimed');
  });
});
