import type { NodeConfig } from '@zhishou/flow-schema';

export const httpDefaults = (): NodeConfig<'http'> => ({
  method: 'GET',
  url: '/sandbox/items/{{slots.item_id}}',
  headers: {},
  timeoutMs: 3_000,
  retries: 0,
  saveAs: 'response',
});
