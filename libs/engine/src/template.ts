import type { ConversationState, JsonValue, NluResult, TemplatePlaceholder } from '@zhishou/flow-schema';
import { replacePlaceholders, soleTemplatePlaceholder } from '@zhishou/flow-schema';

/** What templates can read. Rendering walks plain data: no code is evaluated, no prototype is reached. */
export interface TemplateScope {
  slots: Record<string, JsonValue>;
  vars: Record<string, JsonValue>;
  nlu: Record<string, JsonValue>;
}

export function templateScope(state: Pick<ConversationState, 'slots' | 'vars' | 'lastNlu'>): TemplateScope {
  return { slots: state.slots, vars: state.vars, nlu: nluView(state.lastNlu) };
}

function nluView(nlu: NluResult | null): Record<string, JsonValue> {
  if (!nlu) return {};
  return { intent: nlu.intent.intent, confidence: nlu.intent.confidence, emotion: nlu.emotion.label, text: nlu.text };
}

export function lookup(scope: TemplateScope, placeholder: Pick<TemplatePlaceholder, 'root' | 'path'>): JsonValue | undefined {
  if (placeholder.root !== 'slots' && placeholder.root !== 'vars' && placeholder.root !== 'nlu') return undefined;
  let current: JsonValue | undefined = scope[placeholder.root];
  for (const segment of placeholder.path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      current = /^\d+$/.test(segment) ? current[Number(segment)] : undefined;
    } else {
      current = Object.hasOwn(current, segment) ? current[segment] : undefined;
    }
  }
  return current;
}

function toText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** How a rendered value is written into its surrounding text. */
export type TemplateEncoding = 'text' | 'url' | 'json';

const ENCODERS: Record<TemplateEncoding, (text: string) => string> = {
  text: (text) => text,
  /** URL placeholders are path or query parts: a value can never add a path segment or a host. */
  url: (text) => encodeURIComponent(text),
  /** Body placeholders sit inside a JSON string: escaped so a value cannot break out of it. */
  json: (text) => JSON.stringify(text).slice(1, -1),
};

/** Renders `{{slots.x}}`-style placeholders; a missing value renders as an empty string. */
export function renderTemplate(template: string, scope: TemplateScope, encoding: TemplateEncoding = 'text'): string {
  return replacePlaceholders(template, (placeholder) => ENCODERS[encoding](toText(lookup(scope, placeholder))));
}

/** A value for a set node: a template that is exactly one placeholder keeps the value's own type. */
export function renderValue(value: JsonValue, scope: TemplateScope): JsonValue {
  if (typeof value !== 'string') return structuredClone(value);
  const sole = soleTemplatePlaceholder(value);
  if (sole) {
    const found = lookup(scope, sole);
    return found === undefined ? null : structuredClone(found);
  }
  return renderTemplate(value, scope);
}

/** FNV-1a: a small stable hash so variant choice is deterministic per (turn, node). */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function chooseVariant<T>(variants: readonly T[], turn: number, nodeId: string): T | undefined {
  if (variants.length === 0) return undefined;
  return variants[stableHash(`${turn}:${nodeId}`) % variants.length];
}
