import { ruleSetSchema, validateRuleSet, type RuleSet } from '@zhishou/flow-schema';
import type { ValidationIssueWire } from '@zhishou/flow-schema';
import type { KindPolicy } from '../versioning/versioning.types';

export const RULESET_KIND = 'ruleset';

/**
 * Rule sets in the one versioning mechanism: drafts must have the right shape (so half-finished rules
 * can be saved); publishing also needs the semantic checks (bad regex, unknown operator, a rule cancelled
 * by its own trigger, dedupe keys a cancelling event cannot render, …), each with its path and reason.
 */
export const ruleSetKindPolicy: KindPolicy<RuleSet> = {
  parse(document) {
    const parsed = ruleSetSchema.safeParse(document);
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
  },
  validate(document): ValidationIssueWire[] {
    const result = validateRuleSet(document);
    return result.ok ? [] : result.issues.map((i) => ({ code: i.code, severity: 'error', message: i.message, path: i.path }));
  },
  diff(from, to) {
    const before = new Map(from.rules.map((r) => [r.id, JSON.stringify(r)]));
    const after = new Map(to.rules.map((r) => [r.id, JSON.stringify(r)]));
    return {
      added: [...after.keys()].filter((id) => !before.has(id)),
      removed: [...before.keys()].filter((id) => !after.has(id)),
      changed: [...after.keys()].filter((id) => before.has(id) && before.get(id) !== after.get(id)),
    };
  },
};
