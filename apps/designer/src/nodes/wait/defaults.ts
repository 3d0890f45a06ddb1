import type { NodeConfig } from '@zhishou/flow-schema';

export const waitDefaults = (): NodeConfig<'wait'> => ({ delay: '5m' });
