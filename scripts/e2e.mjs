#!/usr/bin/env node
// Browser tests end to end (called by `npm test` after Vitest): builds the designer, starts the real
// api + worker on a fresh database (scripts/e2e-stack.mjs), runs the Playwright tests in
// apps/designer/e2e/*.e2e.ts with Vitest, tears everything down, exits non-zero on any failure.
// Screenshots and server logs: test-artifacts/e2e/. Extra arguments go to Vitest (e.g. a file filter).
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildDesigner, designerDir, log, root, run, startStack } from './e2e-stack.mjs';

const e2eDir = join(designerDir, 'e2e');
const artifacts = join(root, 'test-artifacts/e2e');

let stack = null;
let exiting = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (exiting) return;
    exiting = true;
    await stack?.stop();
    process.exit(130);
  });
}

async function main() {
  const tests = existsSync(e2eDir) ? readdirSync(e2eDir).filter((f) => f.endsWith('.e2e.ts')) : [];
  if (tests.length === 0) {
    log('no browser tests in apps/designer/e2e — nothing to run');
    return 0;
  }
  const started = Date.now();
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  if (buildDesigner() !== 0) return 1;
  try {
    stack = await startStack({ name: 'e2e', logDir: artifacts });
  } catch (error) {
    console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  try {
    const status = run('playwright tests', process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', join(e2eDir, 'vitest.e2e.config.ts'), ...process.argv.slice(2)], {
      cwd: root,
      env: {
        ...process.env,
        E2E_BASE_URL: stack.baseUrl,
        E2E_ADMIN_EMAIL: stack.admin.email,
        E2E_ADMIN_PASSWORD: stack.admin.password,
        E2E_ARTIFACTS: artifacts,
      },
    });
    if (status !== 0) stack.printLogs();
    return status;
  } finally {
    await stack.stop();
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots and logs in test-artifacts/e2e/`);
  }
}

process.exit(await main());
