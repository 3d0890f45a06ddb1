import type { NodeOfKind } from '@zhishou/flow-schema';
import type { NodeIssue } from '../types';

/** The sandbox (`/sandbox/…`) or an absolute http(s) URL; anything else cannot be called. */
export function validateHttp(node: NodeOfKind<'http'>): NodeIssue[] {
  const url = node.config.url.trim();
  if (url.startsWith('/sandbox/') || /^https?:\/\//i.test(url) || url.startsWith('{{')) return [];
  return [{ code: 'bad_url', severity: 'error', params: { url } }];
}
