import { defineConfig } from 'vitest/config';

// One runner, several projects: pure libs, the api against real Postgres/Redis, designer units (jsdom).
// Browser (Playwright) tests run after these, from scripts/test.mjs, against a built designer.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'libs',
          include: ['libs/*/src/**/*.test.ts', 'libs/*/test/**/*.test.ts'],
          environment: 'node',
          // Corpus and training checks are CPU-bound: on two shared cores the default 5 s is a flake, not a signal.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api',
          include: ['apps/api/src/**/*.test.ts', 'apps/api/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      './apps/designer/vitest.config.ts',
    ],
  },
});
