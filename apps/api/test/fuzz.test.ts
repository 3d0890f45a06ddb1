import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_ERROR_CODES, errorBodySchema } from '@zhishou/flow-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/infra/config/config';
import { createTestDatabase, type TestDatabase } from './support';

/**
 * Issue 9: a bounded, seeded fuzz run against a real api process (main.ts under tsx, its own database):
 * ≥ 5,000 malformed requests across every route of the OpenAPI document — bad JSON, wrong types, NUL
 * characters, lone surrogates, huge integers, deep nesting, long strings, bad path parameters, bad
 * credentials. No 5xx, the process lives, and its RSS comes back within 20% of its start after idling.
 * The api runs in a child process so the test runner's own memory does not count.
 */

const SEED = 0x5eed_2026;
const REQUESTS = 5_200;
const CONCURRENCY = 8;
const WARM_UP = 600;

/** mulberry32: small, seeded, good enough to pick cases reproducibly. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
}

interface Route {
  method: string;
  path: string;
  fields: string[];
  /** The route's documented query parameters (from the shared contract's query schemas). */
  query: string[];
}

const deep = (depth: number, open: string, leaf: string, close: string) => open.repeat(depth) + leaf + close.repeat(depth);

// Raw JSON texts (not built with JSON.stringify, which cannot produce lone surrogates' escapes or 5,000 levels cheaply).
const BAD_VALUES: string[] = [
  '"a\\u0000b"',
  '"\\ud800"',
  '"x\\udfffy"',
  '99999999999',
  '-99999999999999999999',
  '1e308',
  '1.5',
  '-1',
  'true',
  'null',
  '[]',
  '{}',
  '""',
  `"${'长'.repeat(20_000)}"`,
  `"${'a'.repeat(5_000)}"`,
  deep(5_000, '[', '1', ']'),
  deep(2_000, '{"a":', '1', '}'),
  '{"fact":"x","operator":"matches","value":"(a+)+$"}',
  '"99999999999d"',
  '"../../etc/passwd"',
  '"<script>alert(1)</script>"',
  '"{{constructor.constructor(\'return process\')()}}"',
];
const BAD_BODIES: string[] = ['{', '{"a":', '[1,2', 'nul', '\u0000', '"\\ud800"', '{"__proto__":{"x":1}}', '[]', '1', 'null', deep(5_000, '{"all":[', '{}', ']}'), deep(5_000, '[', '0', ']')];
const CODES = new Set<string>(API_ERROR_CODES);

/** A 4xx body is the shared error body with a code the designer has texts for (framework errors included). */
function isContractError(text: string): boolean {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    return parsed.success && CODES.has(parsed.data.error) && parsed.data.params !== undefined;
  } catch {
    return false;
  }
}

const BAD_PARAMS = ['%00', '99999999999', '4294967296', '-1', '1e3', '%ED%A0%80', '%F0%9F', 'a'.repeat(300), '..%2F..%2Fetc', '%20', '%E4%BD%A0', 'x%00y', '0x10', "'%20OR%201=1--"];

describe('fuzzing every route of the OpenAPI document', () => {
  let db: TestDatabase;
  let api: ChildProcess;
  let base = '';
  let output = '';
  let adminToken = '';
  let apiKey = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'zs-fuzz-'));
  const prefix = `fuzz_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    const admin = { email: 'fuzz@test.local', password: randomBytes(12).toString('base64url') };
    api = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        REDIS_URL: '',
        QUEUE_DRIVER: 'pgboss',
        QUEUE_PREFIX: prefix,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        JWT_SECRET: randomBytes(32).toString('hex'),
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Drain the logs (a full pipe would block the child); keep the tail for failure messages.
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
    api.stdout?.on('data', keep);
    api.stderr?.on('data', keep);
    base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (!(await fetch(`${base}/health`).catch(() => null))?.ok) {
      if (Date.now() > deadline || api.exitCode !== null) throw new Error(`api did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
    adminToken = ((await login.json()) as { token: string }).token;
    const auth = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    expect((await fetch(`${base}/v1/bots`, { method: 'POST', headers: auth, body: JSON.stringify({ key: 'fz', name: 'fz' }) })).status).toBe(201);
    const key = await fetch(`${base}/v1/bots/fz/api-keys`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'fz' }) });
    apiKey = ((await key.json()) as { key: string }).key;
  }, 90_000);

  afterAll(async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await new Promise((r) => api.once('exit', r));
    }
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`sends ${REQUESTS} malformed requests: no 5xx, a live process, RSS back within 20%`, async () => {
    const doc = (await (await fetch(`${base}/docs/openapi.json`)).json()) as OpenApi;
    const routes: Route[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        fields: Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {}),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      })),
    );
    expect(routes.length).toBeGreaterThan(40);
    // Every documented route (the contract's and the undocumented ones the server lists) in turn, so
    // each gets ~REQUESTS / routes.length requests whatever the seed; the rest of a request is random.
    let turn = 0;
    const hits = new Map<string, number>();
    let random = rng(SEED + 1);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const tokens = [() => adminToken, () => adminToken, () => apiKey, () => '', () => 'zk_forged', () => `${adminToken.slice(0, -4)}AAAA`, () => 'a'.repeat(5_000)];

    function request(): { method: string; url: string; headers: Record<string, string>; body?: string } {
      const route = routes[turn++ % routes.length] as Route;
      hits.set(`${route.method} ${route.path}`, (hits.get(`${route.method} ${route.path}`) ?? 0) + 1);
      const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const roll = random();
        if (roll < 0.5) return pick(BAD_PARAMS);
        if (name === 'bot') return 'fz';
        if (name === 'number' || name === 'version') return String(1 + Math.floor(random() * 3));
        return roll < 0.75 ? 'main' : randomBytes(4).toString('hex');
      });
      const names = route.query.length > 0 ? route.query : ['limit', 'after', 'from', 'to', 'subject', 'status', 'type'];
      const query = random() < (route.query.length > 0 ? 0.5 : 0.2) ? `?${pick(names)}=${pick(BAD_PARAMS)}` : '';
      const token = pick(tokens)();
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      if (route.method === 'GET' || route.method === 'DELETE') return { method: route.method, url: `${base}${path}${query}`, headers };
      const kind = random();
      let body: string;
      if (kind < 0.25) body = pick(BAD_BODIES);
      else {
        // An object with the route's own fields set to bad values (and sometimes one good-looking field).
        const fields = route.fields.length > 0 ? route.fields : ['document', 'text', 'name'];
        const entries = fields.filter(() => random() < 0.7).map((f) => `${JSON.stringify(f)}:${pick(BAD_VALUES)}`);
        if (random() < 0.3) entries.push(`"messageId":${pick(BAD_VALUES)}`, `"text":${pick(BAD_VALUES)}`);
        body = `{${entries.join(',')}}`;
      }
      headers['content-type'] = random() < 0.9 ? 'application/json' : pick(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1']);
      return { method: route.method, url: `${base}${path}${query}`, headers, body };
    }

    async function send(req: ReturnType<typeof request>): Promise<{ status: number; text: string }> {
      const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body });
      return { status: res.status, text: await res.text() };
    }

    // Warm-up with another seed: every lazily compiled path and error path runs once, so the starting
    // RSS includes code and pools that stay by design; then the measured run.
    for (let i = 0; i < WARM_UP; i++) await send(request()).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 2_000));
    random = rng(SEED);
    turn = 0;
    hits.clear();
    const startRss = rssMb(api.pid as number);

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    let peakRss = startRss;
    const started = Date.now();
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (sent < REQUESTS) {
        sent += 1;
        const req = request();
        let status: number;
        try {
          const res = await send(req);
          status = res.status;
          const text = res.text;
          if (status >= 500) failures.push(`${status} ${req.method} ${req.url.slice(base.length, base.length + 120)} body=${(req.body ?? '').slice(0, 120)} → ${text.slice(0, 200)}`);
          else if (status >= 400 && !isContractError(text)) failures.push(`not a contract error body: ${status} ${req.method} ${req.url.slice(base.length, base.length + 120)} → ${text.slice(0, 200)}`);
        } catch (error) {
          status = 0;
          failures.push(`no response: ${req.method} ${req.url.slice(base.length, base.length + 120)}: ${(error as Error).message}`);
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (sent % 500 === 0) peakRss = Math.max(peakRss, rssMb(api.pid as number));
      }
    });
    await Promise.all(workers);
    const seconds = (Date.now() - started) / 1000;


    // Idle: V8 and the allocator give memory back over several seconds once nothing is retained.
    let endRss = rssMb(api.pid as number);
    const idleUntil = Date.now() + 20_000;
    while (endRss > startRss * 1.2 && Date.now() < idleUntil) {
      await new Promise((r) => setTimeout(r, 1_000));
      endRss = rssMb(api.pid as number);
    }
    console.log(
      `fuzz: ${REQUESTS} requests over ${routes.length} routes in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; ` +
        `RSS start ${startRss.toFixed(0)} MB, peak ${peakRss.toFixed(0)} MB, after idle ${endRss.toFixed(0)} MB`,
    );
    expect(api.exitCode, output).toBeNull();
    const missed = routes.filter((r) => (hits.get(`${r.method} ${r.path}`) ?? 0) < Math.floor(REQUESTS / routes.length));
    expect(missed.map((r) => `${r.method} ${r.path}`), 'routes the run did not cover').toEqual([]);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect(failures.slice(0, 10), `${failures.length} failures`).toEqual([]);
    expect(endRss).toBeLessThanOrEqual(startRss * 1.2);
  }, 180_000);
});
