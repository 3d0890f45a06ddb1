type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A validation problem in words: its code's text, with handle ids (`true`) shown as the ports name
 * them (「是」) and node kinds as their palette labels.
 */
export function problemText(t: Translate, code: string, params: Record<string, unknown> = {}, fallback = code): string {
  const words: Record<string, unknown> = { ...params };
  if (typeof params.handle === 'string') words.handle = t(`handles.${params.handle}`, { defaultValue: params.handle });
  if (typeof params.kind === 'string') words.kind = t(`nodes.${params.kind}.label`, { defaultValue: params.kind });
  return t(`validation.${code}`, { ...words, defaultValue: fallback });
}
