import type { NodeConfig } from '@zhishou/flow-schema';

export const subflowDefaults = (): NodeConfig<'subflow'> => ({ flow: 'main' });
