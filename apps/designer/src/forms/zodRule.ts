import type { z } from 'zod';

/** The shape of an antd Form rule that we need (kept local so the helper stays framework-light). */
export interface ValidatorRule {
  validator: (rule: unknown, value: unknown) => Promise<void>;
}

/**
 * Derives an antd Form rule from a zod schema, so a panel shows the same rule the api and the engine
 * apply, at the field, before anything is saved. Empty values pass unless `required`: antd's own
 * `required` rule words that case.
 */
export function zodRule(schema: z.ZodType, options: { skipEmpty?: boolean } = {}): ValidatorRule {
  const skipEmpty = options.skipEmpty ?? true;
  return {
    validator: async (_rule, value) => {
      if (skipEmpty && (value === undefined || value === null || value === '')) return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues.map((issue) => issue.message).join('; '));
    },
  };
}
