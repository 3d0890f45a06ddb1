import { useMemo } from 'react';
import { useEditor } from '../../store/context';
import { routeOfUrl, useSandboxRoutes } from '../http/sandboxRoutes';
import { useFlowNames } from './useFlowNames';

/**
 * `$.key` suggestions for condition paths: declared slots and variables, and what each http node
 * saves (`$.<saveAs>.status`, `$.<saveAs>.body.<field>` with the fields of the sandbox route it calls).
 */
export function useSlotPaths(): string[] {
  const { slots, vars } = useFlowNames();
  const nodes = useEditor((s) => s.doc.nodes);
  const routes = useSandboxRoutes();
  return useMemo(() => {
    const saved = nodes.flatMap((node) => {
      if (node.kind !== 'http' || !node.config.saveAs) return [];
      const base = `${node.config.saveAs}`;
      const fields = routeOfUrl(routes, node.config.url)?.fields ?? [];
      return [`${base}.status`, ...fields.map((field) => `${base}.body.${field}`)];
    });
    return [...new Set([...slots, ...vars, ...saved])].map((key) => `$.${key}`);
  }, [slots, vars, nodes, routes]);
}
