import type { NodeConfig } from '@zhishou/flow-schema';

export const httpDefaults = (): NodeConfig<'http'> => ({
  method: 'GET',
  // A sandbox route that exists and needs no slot (GET /sandbox/routes lists the others).
  url: '/sandbox/items',
  headers: {},
  timeoutMs: 3_000,
  retries: 0,
  saveAs: 'items',
});
