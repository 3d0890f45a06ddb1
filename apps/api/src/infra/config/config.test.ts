import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zs-config-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('config', () => {
  it('names every bad variable in one error', () => {
    let caught: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x/y', PORT: 'eighty', REDIS_URL: 'http://nope', ADMIN_EMAIL: 'not-mail', LOG_LEVEL: 'loud' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.map((problem) => problem.split(':')[0]).sort();
    expect(problems).toEqual(['ADMIN_EMAIL', 'DATABASE_URL', 'LOG_LEVEL', 'PORT', 'REDIS_URL']);
  });

  it('requires DATABASE_URL', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL/);
  });

  it('picks the queue driver from REDIS_URL unless QUEUE_DRIVER says otherwise', () => {
    const base = { DATABASE_URL: 'postgres://u@h/db', DATA_DIR: dataDir() };
    expect(loadConfig(base).queue.driver).toBe('pgboss');
    expect(loadConfig({ ...base, REDIS_URL: 'redis://h:6379' }).queue.driver).toBe('bullmq');
    expect(loadConfig({ ...base, REDIS_URL: 'redis://h:6379', QUEUE_DRIVER: 'pgboss' }).queue.driver).toBe('pgboss');
    expect(() => loadConfig({ ...base, QUEUE_DRIVER: 'bullmq' })).toThrow(/REDIS_URL/);
  });

  it('generates a JWT secret once in development and keeps it; production must set one', () => {
    const dir = dataDir();
    const first = loadConfig({ DATABASE_URL: 'postgres://u@h/db', DATA_DIR: dir });
    const second = loadConfig({ DATABASE_URL: 'postgres://u@h/db', DATA_DIR: dir });
    expect(first.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(second.jwt.secret).toBe(first.jwt.secret);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first.jwt.secret);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db', DATA_DIR: dataDir(), NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('applies defaults and treats empty variables as unset', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db', DATA_DIR: dataDir(), PORT: '', JWT_SECRET: 'x'.repeat(32) });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.admin.email).toBe('admin@zhishou.local');
    expect(config.runWorkerInProcess).toBe(false);
  });
});
