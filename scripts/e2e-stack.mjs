// The real platform for browser tests and the designer benchmark: a fresh Postgres database, the
// built designer, the api + worker (tsx, one pid each, own process group) on a free port with a
// known admin. `startStack()` → `{ baseUrl, admin, stop() }`; `stop()` always tears everything down.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const designerDir = join(root, 'apps/designer');
const baseDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const healthTimeoutMs = 120_000;

export function log(message) {
  console.log(`[stack] ${message}`);
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function databaseUrlFor(name) {
  const url = new URL(baseDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: baseDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs to completion in the foreground; one pid, output inherited. */
export function run(name, cmd, args, options = {}) {
  log(`${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  log(`${name}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status ?? 1;
}

export function buildDesigner() {
  return run('designer build', process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: designerDir });
}

function tail(path, lines = 60) {
  if (!existsSync(path)) return '';
  return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
}

/** A long-running server in its own process group, its output kept in a log file. */
function startServer(children, logDir, name, script, env) {
  const logPath = join(logDir, `${name}.log`);
  const out = createWriteStream(logPath);
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const entry = { name, child, logPath, exitInfo: null };
  child.once('exit', (code, signal) => {
    entry.exitInfo = { code, signal };
  });
  children.push(entry);
  log(`${name}: started pid ${child.pid}, log ${logPath}`);
  return entry;
}

async function waitForHealth(baseUrl, api) {
  const deadline = Date.now() + healthTimeoutMs;
  while (Date.now() < deadline) {
    if (api.exitInfo) throw new Error(`api exited before it was healthy (${JSON.stringify(api.exitInfo)})`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`api not healthy within ${healthTimeoutMs / 1000} s`);
}

function stopChild(entry) {
  const { name, child } = entry;
  if (entry.exitInfo) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => {
      // still alive after a grace period: its whole process group goes
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      resolveStop();
    }, 8_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
      log(`${name}: stopping pid ${child.pid}`);
    } catch {
      clearTimeout(timer);
      resolveStop();
    }
  });
}

/**
 * Starts api (+ worker when present) on a fresh database. The designer must already be built.
 * `name` prefixes the database and queue namespace so parallel runs never share data.
 */
/** `designerDist` (default apps/designer/dist) lets a benchmark serve another build, e.g. an older one to compare with. */
export async function startStack({ name, logDir, designerDist }) {
  mkdirSync(logDir, { recursive: true });
  const children = [];
  const dbName = `zs_${name}_${process.pid}_${Date.now().toString(36)}`;
  const admin = { email: `${name}-admin@zhishou.test`, password: `${name}-Passw0rd!` };
  let dbCreated = false;
  const dataDir = mkdtempSync(join(tmpdir(), `zs-${name}-data-`));

  const stop = async () => {
    await Promise.all(children.map(stopChild));
    rmSync(dataDir, { recursive: true, force: true });
    if (!dbCreated) return;
    try {
      await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      log(`database ${dbName} dropped`);
    } catch (error) {
      console.error(`[stack] could not drop ${dbName}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const printLogs = () => {
    for (const { name: childName, logPath } of children) console.log(`\n--- last lines of the ${childName} log ---\n${tail(logPath)}`);
  };

  try {
    await adminQuery(`CREATE DATABASE "${dbName}"`);
    dbCreated = true;
    log(`database ${dbName} created`);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const namespace = `zs-${name}-${process.pid}`;
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrlFor(dbName),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: namespace,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      JWT_SECRET: process.env.JWT_SECRET ?? `${namespace}-${Date.now()}-jwt-secret-for-tests`,
      DESIGNER_DIST: designerDist ?? join(designerDir, 'dist'),
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    };
    const started = Date.now();
    const api = startServer(children, logDir, 'api', 'apps/api/src/main.ts', env);
    await waitForHealth(baseUrl, api);
    log(`api healthy at ${baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (existsSync(join(root, 'apps/api/src/worker.ts'))) startServer(children, logDir, 'worker', 'apps/api/src/worker.ts', env);
    return { baseUrl, admin, stop, printLogs };
  } catch (error) {
    printLogs();
    await stop();
    throw error;
  }
}
