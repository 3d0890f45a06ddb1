import type { Flow, NodeOfKind } from '@zhishou/flow-schema';
import type { NodeIssue } from '../types';

/**
 * The sandbox (`/sandbox/…`) or an absolute http(s) URL; anything else cannot be called. A call that
 * fails leaves by `error`: with no edge there the conversation just ends, so that is a warning.
 */
export function validateHttp(node: NodeOfKind<'http'>, doc?: Flow): NodeIssue[] {
  const issues: NodeIssue[] = [];
  const url = node.config.url.trim();
  if (!(url.startsWith('/sandbox/') || /^https?:\/\//i.test(url) || url.startsWith('{{'))) issues.push({ code: 'bad_url', severity: 'error', params: { url } });
  if (doc && !doc.edges.some((edge) => edge.source === node.id && edge.sourceHandle === 'error')) issues.push({ code: 'http_error_unconnected', severity: 'warning' });
  return issues;
}
