import type { NodeConfig } from '@zhishou/flow-schema';

export const conditionDefaults = (): NodeConfig<'condition'> => ({
  condition: { all: [{ fact: 'slots', path: '$.answer', operator: 'exists', value: true }] },
});
