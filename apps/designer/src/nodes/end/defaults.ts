import type { NodeConfig } from '@zhishou/flow-schema';

export const endDefaults = (): NodeConfig<'end'> => ({ outcome: 'resolved', message: [] });
