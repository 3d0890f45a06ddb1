import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'designer',
    root: new URL('.', import.meta.url).pathname,
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    passWithNoTests: true,
  },
});
