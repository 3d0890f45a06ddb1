import type { Condition, ConditionLeaf, JsonValue, TopLevelCondition } from '@zhishou/flow-schema';

/** Pure helpers behind the condition builder (json-rules-engine's all / any / not over leaves). */
export type GroupKind = 'all' | 'any';
export type Group = { all: Condition[] } | { any: Condition[] };

export function isLeaf(condition: Condition): condition is ConditionLeaf {
  return 'fact' in condition;
}

export function isGroup(condition: Condition): condition is Group {
  return 'all' in condition || 'any' in condition;
}

export function groupKind(group: Group): GroupKind {
  return 'all' in group ? 'all' : 'any';
}

export function groupChildren(group: Group): Condition[] {
  return 'all' in group ? group.all : group.any;
}

export function makeGroup(kind: GroupKind, children: Condition[]): Group {
  return kind === 'all' ? { all: children } : { any: children };
}

export function newLeaf(fact = 'slots'): ConditionLeaf {
  return { fact, path: '$.', operator: 'equal', value: '' };
}

/** Operators that test presence only: their value is not shown. */
export const UNARY_OPERATORS: readonly string[] = ['exists', 'notExists'];

/**
 * Reads what the user typed in a value field: JSON when it parses (numbers, true/false, null,
 * arrays like [100, 500], quoted strings), otherwise the text itself.
 */
export function parseValueText(text: string): JsonValue {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch {
    return text;
  }
}

/** The inverse of parseValueText: a string that would read as something else is quoted. */
export function formatValue(value: JsonValue): string {
  if (typeof value === 'string') {
    if (value.trim() === '') return value;
    return typeof parseValueText(value) === 'string' ? value : JSON.stringify(value);
  }
  return JSON.stringify(value);
}

export function emptyCondition(): TopLevelCondition {
  return { all: [] };
}

/** Facts every flow condition can use (see libs/flow-schema condition.ts). */
export const FLOW_FACTS = ['slots', 'vars', 'nlu', 'input', 'event'] as const;
