import { CONDITION_OPERATORS, type Condition, type ConditionLeaf, type ConditionOperator } from './condition';
import { durationSchema } from './common';
import { compileSafeRegex, type LinearRegexResult } from './safe-regex';

/**
 * Semantic checks of conditions beyond their shape: operator names, operator-specific values
 * (durations, ranges, regexes), and fact paths. Shared by flow and rule validation and by the
 * evaluator in `@zhishou/rules`, so a condition that validates is one that evaluates.
 */
export const CONDITION_ISSUE_CODES = ['unknown_operator', 'invalid_regex', 'invalid_duration', 'invalid_range', 'invalid_value', 'invalid_path'] as const;
export type ConditionIssueCode = (typeof CONDITION_ISSUE_CODES)[number];
export interface ConditionIssue {
  path: (string | number)[];
  code: ConditionIssueCode;
  message: string;
}

// ---- regexes: compiled by the linear-time engine (see safe-regex.ts) -----------------------------

export type RegexCompileResult = LinearRegexResult;

// ---- fact paths: a safe JSONPath subset -------------------------------------------------------

export type PathSegment = string | number;
const SEGMENT = /^(?:\.([^.[\]'"]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\])/;

/**
 * Segments of `$.order.price`, `$.items[0].title`, `$['order.paid'].count`; undefined outside that
 * subset (no filters or scripts: paths are data from ops).
 */
export function parseConditionPath(path: string): PathSegment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: PathSegment[] = [];
  let rest = path.slice(1);
  while (rest !== '') {
    const m = SEGMENT.exec(rest);
    if (!m) return undefined;
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else segments.push((m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1'));
    rest = rest.slice(m[0].length);
  }
  return segments;
}

// ---- conditions ---------------------------------------------------------------------------------

const OPERATORS = new Set<string>(CONDITION_OPERATORS);

export function isFactReference(value: unknown): value is { fact: string } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { fact?: unknown }).fact === 'string';
}

function leafValueProblem(operator: ConditionOperator, value: unknown): { code: ConditionIssueCode; message: string } | undefined {
  switch (operator) {
    case 'olderThan':
    case 'withinLast':
      return durationSchema.safeParse(value).success
        ? undefined
        : { code: 'invalid_duration', message: `${operator} needs a duration like "48h" or "7d"` };
    case 'between': {
      const ok = Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number' && Number.isFinite(v)) && (value[0] as number) <= (value[1] as number);
      return ok ? undefined : { code: 'invalid_range', message: 'between needs [min, max] numbers with min ≤ max' };
    }
    case 'matches': {
      const compiled = compileSafeRegex(value);
      return compiled.ok ? undefined : { code: 'invalid_regex', message: compiled.reason };
    }
    case 'textContains': {
      const ok = (typeof value === 'string' && value !== '') || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== ''));
      return ok || isFactReference(value) ? undefined : { code: 'invalid_value', message: 'textContains needs a text or a list of texts' };
    }
    case 'in':
    case 'notIn':
      return Array.isArray(value) || isFactReference(value) ? undefined : { code: 'invalid_value', message: `${operator} needs a list of values` };
    default:
      return undefined;
  }
}

function checkLeaf(leaf: ConditionLeaf, path: (string | number)[]): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  if (!OPERATORS.has(leaf.operator)) {
    issues.push({ path: [...path, 'operator'], code: 'unknown_operator', message: `unknown operator "${leaf.operator}" (known: ${CONDITION_OPERATORS.join(', ')})` });
  } else {
    const problem = leafValueProblem(leaf.operator as ConditionOperator, leaf.value);
    if (problem) issues.push({ path: [...path, 'value'], ...problem });
  }
  if (leaf.path !== undefined && parseConditionPath(leaf.path) === undefined) {
    issues.push({ path: [...path, 'path'], code: 'invalid_path', message: `unsupported path "${leaf.path}" (use $.a.b, $.a[0] or $['a.b'])` });
  }
  return issues;
}

/** All semantic issues of a condition tree, with paths relative to `basePath`. Empty when it is fine. */
export function checkCondition(condition: Condition, basePath: (string | number)[] = []): ConditionIssue[] {
  if ('all' in condition) return condition.all.flatMap((c, i) => checkCondition(c, [...basePath, 'all', i]));
  if ('any' in condition) return condition.any.flatMap((c, i) => checkCondition(c, [...basePath, 'any', i]));
  if ('not' in condition) return checkCondition(condition.not, [...basePath, 'not']);
  return checkLeaf(condition, basePath);
}
