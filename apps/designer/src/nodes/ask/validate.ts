import type { NodeOfKind } from '@zhishou/flow-schema';
import type { NodeIssue } from '../types';

/** What neither the schema nor validateFlow says about an ask node (the regex is checked there): a sensible range. */
export function validateAsk(node: NodeOfKind<'ask'>): NodeIssue[] {
  const issues: NodeIssue[] = [];
  const { min, max } = node.config.validation;
  if (min !== undefined && max !== undefined && min > max) issues.push({ code: 'min_above_max', severity: 'error', params: { min, max } });
  return issues;
}
