import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, describeApiError } from './client';
import { createI18n } from '../i18n';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('api client', () => {
  it('sends the token and JSON body and returns the parsed reply', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, { ok: true }));
    const client = createApiClient({ getToken: () => 'tok', fetchImpl });
    await expect(client.post('/v1/x', { a: 1 })).resolves.toEqual({ ok: true });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/v1/x');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect(init.body).toBe('{"a":1}');
  });

  it('maps {error, issues} into an ApiError and signals 401', async () => {
    const onUnauthorized = vi.fn();
    const client = createApiClient({
      getToken: () => null,
      onUnauthorized,
      fetchImpl: async () => jsonResponse(400, { error: 'validation_failed', issues: [{ path: ['name'], message: 'Required' }] }),
    });
    const error = await client.get('/v1/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', issues: [{ path: 'name', message: 'Required' }] });
    expect(onUnauthorized).not.toHaveBeenCalled();

    const denied = createApiClient({ getToken: () => null, onUnauthorized, fetchImpl: async () => jsonResponse(401, { error: 'unauthorized' }) });
    await expect(denied.get('/v1/x')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('turns a network failure into a network_error', async () => {
    const client = createApiClient({ getToken: () => null, fetchImpl: async () => { throw new TypeError('Failed to fetch'); } });
    await expect(client.get('/v1/x')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('puts errors into words in the current language', () => {
    const zh = createI18n('zh-CN').t;
    const en = createI18n('en').t;
    const error = new ApiError(400, 'validation_failed', [{ path: 'name', message: 'Required' }]);
    expect(describeApiError(error, en)).toBe('Some values are not valid. name: Required');
    expect(describeApiError(error, zh)).toContain('name: Required');
    expect(describeApiError(new ApiError(403, 'nope'), en)).toBe('You are not allowed to do this.');
    expect(describeApiError(new ApiError(500, 'boom'), en)).toBe('The server answered 500 (boom).');
  });
});
