#!/usr/bin/env node
// The one test command: lint (with Nx boundaries), typecheck, every Vitest project, then browser tests.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const steps = [
  ['lint', 'npm', ['run', 'lint', '--silent']],
  ['typecheck', 'npm', ['run', 'typecheck', '--silent']],
  ['unit + api tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
];
if (existsSync('scripts/e2e.mjs') && process.argv.length <= 2) steps.push(['browser tests', 'node', ['scripts/e2e.mjs']]);

for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  console.log(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}
