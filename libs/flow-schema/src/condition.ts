import { z } from 'zod';
import { jsonValueSchema } from './common';

/**
 * Conditions use json-rules-engine's shape (all / any / not nesting over fact–operator–value rows),
 * so flows and trigger rules share one condition language and one visual builder.
 * Facts available in flows: `slots`, `vars`, `nlu`, `input`, `event`; use `path` ("$.price") to reach inside.
 */
export const conditionLeafSchema = z.object({
  fact: z.string().min(1),
  operator: z.string().min(1),
  value: jsonValueSchema,
  path: z.string().optional(),
});
export type ConditionLeaf = z.infer<typeof conditionLeafSchema>;

export type Condition = ConditionLeaf | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema) }).strict(),
    z.object({ any: z.array(conditionSchema) }).strict(),
    z.object({ not: conditionSchema }).strict(),
    conditionLeafSchema.strict(),
  ]),
);

/** A top-level condition is always a group, as json-rules-engine requires. */
export const topLevelConditionSchema = z.union([
  z.object({ all: z.array(conditionSchema) }).strict(),
  z.object({ any: z.array(conditionSchema) }).strict(),
  z.object({ not: conditionSchema }).strict(),
]);
export type TopLevelCondition = z.infer<typeof topLevelConditionSchema>;

/** Operators every evaluator must support (json-rules-engine built-ins plus the project's own). */
export const CONDITION_OPERATORS = [
  'equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
  'in', 'notIn', 'contains', 'doesNotContain',
  'matches', 'textContains', 'between', 'olderThan', 'withinLast', 'exists', 'notExists',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/**
 * Evaluates a condition against facts (`{ slots, vars, nlu, input, event, … }`). Implemented once, in
 * `@zhishou/rules` (json-rules-engine plus the project's operators); the engine receives it as a port.
 */
export interface ConditionEvaluator {
  evaluate(condition: TopLevelCondition, facts: Record<string, unknown>): Promise<boolean>;
}
