import { defineConfig } from 'vitest/config';

// Browser tests run one file at a time against one api started by scripts/e2e.mjs; each file
// works on its own bot so files stay independent of each other's data.
export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('.', import.meta.url).pathname,
    include: ['*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // UI states are awaited with expect.poll; give slow steps (model load, publish) room on a busy CI box
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
