import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support';

describe('operations endpoints', () => {
  let t: TestApp;
  const designer = mkdtempSync(join(tmpdir(), 'zs-designer-'));
  beforeAll(async () => {
    mkdirSync(join(designer, 'assets'));
    writeFileSync(join(designer, 'index.html'), '<!doctype html><title>designer</title><div id="root"></div>');
    writeFileSync(join(designer, 'assets', 'app-abc123.js'), 'console.log("designer")');
    // What the designer build writes: a hashed chunk with its precompressed copies, and a favicon.
    const chunk = `export const big = ${JSON.stringify('值守'.repeat(2000))};`;
    writeFileSync(join(designer, 'assets', 'page-def456.js'), chunk);
    writeFileSync(join(designer, 'assets', 'page-def456.js.br'), brotliCompressSync(chunk));
    writeFileSync(join(designer, 'assets', 'page-def456.js.gz'), gzipSync(chunk));
    writeFileSync(join(designer, 'favicon.ico'), Buffer.from([0, 0, 1, 0, 1, 0]));
    t = await createTestApp({ env: { DESIGNER_DIST: designer } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(designer, { recursive: true, force: true });
  });

  it('/metrics is public Prometheus text with default and HTTP duration metrics', async () => {
    await t.get('/v1/bots');
    const response = await t.get<string>('/metrics', { token: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(response.body).toContain('process_cpu_user_seconds_total');
    expect(response.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/v1\/bots",status="200"\} \d+/);
  });

  it('/docs serves swagger-ui over an OpenAPI document built from the zod schemas', async () => {
    const page = await t.get<string>('/docs', { token: null });
    expect(page.status).toBe(200);
    // The page's script is a file (no inline script under the CSP) that points swagger-ui at the document.
    expect(page.body).toContain('/docs/init.js');
    expect((await t.get<string>('/docs/init.js', { token: null })).body).toContain('/docs/openapi.json');
    expect((await t.get('/docs/assets/swagger-ui-bundle.js', { token: null })).status).toBe(200);

    const doc = await t.get<{ openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> }>('/docs/openapi.json', { token: null });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const login = doc.body.paths['/v1/auth/login']?.['post'] as { requestBody: { content: { 'application/json': { schema: { required: string[] } } } } };
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(doc.body.paths['/v1/bots/{bot}/api-keys/{id}']?.['delete']).toBeDefined();
    expect(doc.body.paths['/health']?.['get']).toBeDefined();
    // Mounted routes nobody documented are still listed (bare).
    expect(doc.body.paths['/v1/bots/{bot}/conversations/{cid}/messages']?.['post']).toBeDefined();
  });

  it('serves the designer at / with an SPA fallback, but never for api paths', async () => {
    const root = await t.get<string>('/', { token: null });
    expect(root.status).toBe(200);
    expect(root.body).toContain('<div id="root">');
    const deep = await t.get<string>('/bots/xianyu/flows/main', { token: null });
    expect(deep.status).toBe(200);
    expect(deep.body).toContain('<div id="root">');
    const asset = await t.get<string>('/assets/app-abc123.js', { token: null });
    expect(asset.body).toContain('designer');
    expect((await t.get('/assets/missing.js', { token: null })).status).toBe(404);
    const unknownApi = await t.get('/v1/no-such-route');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.body).toMatchObject({ error: 'not_found' });
  });

  it('serves hashed assets precompressed and cached immutably, index.html never cached, a favicon', async () => {
    const br = await fetch(`${t.url}/assets/page-def456.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-type')).toContain('javascript');
    expect(br.headers.get('vary')).toContain('accept-encoding');
    expect(await br.text()).toContain('值守值守');
    const gz = await fetch(`${t.url}/assets/page-def456.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toContain('值守值守');
    const plain = await fetch(`${t.url}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/bots/xianyu/flows/main']) {
      const page = await fetch(`${t.url}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('cache-control'), path).toBe('no-cache');
    }
    const favicon = await fetch(`${t.url}/favicon.ico`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('cache-control')).toBe('no-cache');
  });

  it('maps errors to JSON: malformed JSON bodies are 400, unknown routes 404', async () => {
    const response = await fetch(`${t.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'bad_request' });
  });
});
