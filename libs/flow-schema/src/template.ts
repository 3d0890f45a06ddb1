/**
 * Template placeholders as ops write them: `{{slots.price}}`, `{{vars.order.body.status}}`,
 * `{{nlu.intent}}`. Parsed here once so validation (which names exist) and the engine (rendering)
 * agree on the grammar. Placeholders are paths, never expressions: nothing is evaluated.
 */
export const TEMPLATE_ROOTS = ['slots', 'vars', 'nlu'] as const;
export type TemplateRoot = (typeof TEMPLATE_ROOTS)[number];

/** Fields of the NLU result a template may read. */
export const TEMPLATE_NLU_FIELDS = ['intent', 'confidence', 'emotion', 'text'] as const;

export interface TemplatePlaceholder {
  /** The whole `{{ … }}` text. */
  raw: string;
  /** First path segment (slots, vars, nlu, or anything else a typo produced). */
  root: string;
  /** Remaining segments, e.g. ["order", "body", "status"]. */
  path: string[];
  start: number;
  end: number;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\}/g;

export function templatePlaceholders(template: string): TemplatePlaceholder[] {
  const found: TemplatePlaceholder[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [root = '', ...path] = (match[1] ?? '').split('.');
    found.push({ raw: match[0], root, path, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** Replaces each placeholder with `resolve(placeholder)`; text between placeholders is kept as is. */
export function replacePlaceholders(template: string, resolve: (placeholder: TemplatePlaceholder) => string): string {
  let out = '';
  let cursor = 0;
  for (const placeholder of templatePlaceholders(template)) {
    out += template.slice(cursor, placeholder.start) + resolve(placeholder);
    cursor = placeholder.end;
  }
  return out + template.slice(cursor);
}

/** The placeholder when the template is exactly one placeholder (used to keep a value's type). */
export function soleTemplatePlaceholder(template: string): TemplatePlaceholder | null {
  const all = templatePlaceholders(template);
  const only = all[0];
  return all.length === 1 && only && only.start === 0 && only.end === template.length ? only : null;
}
