import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'designer',
    root: new URL('.', import.meta.url).pathname,
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    // antd + React Flow render cold in jsdom on a shared 2-core machine: first renders can take seconds.
    testTimeout: 20_000,
    passWithNoTests: true,
  },
});
