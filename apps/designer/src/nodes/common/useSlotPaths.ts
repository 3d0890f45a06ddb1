import { useMemo } from 'react';
import { useFlowNames } from './useFlowNames';

/** `$.key` suggestions for condition paths: declared slots and variables. */
export function useSlotPaths(): string[] {
  const { slots, vars } = useFlowNames();
  return useMemo(() => [...new Set([...slots, ...vars])].map((key) => `$.${key}`), [slots, vars]);
}
