import { templatePlaceholders } from '@zhishou/flow-schema';

/**
 * Rule templates (`{{event.subject.orderId}}`, `{{slots.price}}`, `{{http.order.body.status}}`)
 * compiled once into literal parts and paths; rendering only reads data, nothing is evaluated.
 */
export type TemplateEscape = 'text' | 'json' | 'url';
export type RenderTemplate = (scope: Record<string, unknown>) => string;

function lookup(scope: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = scope;
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const ESCAPES: Record<TemplateEscape, (text: string) => string> = {
  text: (t) => t,
  // Inside a JSON string literal: escape quotes, backslashes and control characters.
  json: (t) => JSON.stringify(t).slice(1, -1),
  url: (t) => encodeURIComponent(t),
};

export function compileTemplate(template: string, escape: TemplateEscape = 'text'): RenderTemplate {
  const parts: (string | string[])[] = [];
  let cursor = 0;
  for (const p of templatePlaceholders(template)) {
    parts.push(template.slice(cursor, p.start), [p.root, ...p.path]);
    cursor = p.end;
  }
  parts.push(template.slice(cursor));
  const escapeValue = ESCAPES[escape];
  return (scope) => {
    let out = '';
    for (const part of parts) out += typeof part === 'string' ? part : escapeValue(asText(lookup(scope, part)));
    return out;
  };
}

/** Renders once (compiles and throws the compilation away); for hot paths keep `compileTemplate`'s result. */
export function renderTemplate(template: string, scope: Record<string, unknown>, escape: TemplateEscape = 'text'): string {
  return compileTemplate(template, escape)(scope);
}
