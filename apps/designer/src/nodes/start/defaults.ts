import type { NodeConfig } from '@zhishou/flow-schema';

export const startDefaults = (): NodeConfig<'start'> => ({});
