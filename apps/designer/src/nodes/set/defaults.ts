import type { NodeConfig } from '@zhishou/flow-schema';

export const setDefaults = (): NodeConfig<'set'> => ({ assignments: [{ scope: 'vars', key: 'flag', op: 'set', value: true }] });
