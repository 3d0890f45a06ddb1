import { useMemo } from 'react';
import { useEditor } from '../../store/context';

/** Declared slot and variable keys of the flow being edited (for selects in panels). */
export function useFlowNames(): { slots: string[]; vars: string[] } {
  const slots = useEditor((s) => s.doc.slots);
  const vars = useEditor((s) => s.doc.variables);
  return useMemo(() => ({ slots: slots.map((x) => x.key), vars: vars.map((x) => x.key) }), [slots, vars]);
}
