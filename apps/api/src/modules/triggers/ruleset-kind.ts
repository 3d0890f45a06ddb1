import { ruleSetSchema, validateRuleSet, type RuleScenario, type RuleSet, type ScenarioGateResult, type ValidationIssueWire } from '@zhishou/flow-schema';
import { simulate } from '@zhishou/rules';
import type { GateResult, KindDescriptor } from '../versioning/versioning.types';

export const RULESET_KIND = 'ruleset';

/**
 * Rule sets in the one versioning mechanism: drafts must have the right shape (so half-finished rules
 * can be saved); publishing also needs the semantic checks (bad regex, unknown operator, a rule cancelled
 * by its own trigger, dedupe keys a cancelling event cannot render, …), each with its path and reason.
 */
type ScenarioResult = ScenarioGateResult['details']['scenarios'][number];

/** Replays one scenario on the simulator (virtual clock, no side effects) and checks every expectation. */
export async function runScenario(ruleSet: RuleSet, scenario: RuleScenario, bot: string): Promise<ScenarioResult> {
  const base = { id: scenario.id, name: scenario.name };
  try {
    const { entries } = await simulate(ruleSet, scenario.events, { bot, until: scenario.until, slots: scenario.slots, http: scenario.http });
    const expectations = scenario.expect.map((e) => {
      const actual = entries.filter((x) => x.ruleId === e.ruleId && x.kind === e.kind).length;
      return { ruleId: e.ruleId, kind: e.kind, expected: e.count, actual, passed: actual === e.count };
    });
    return { ...base, passed: expectations.every((e) => e.passed), expectations, error: null };
  } catch (error) {
    return { ...base, passed: false, expectations: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/** The publish gate of rule sets: every stored scenario must produce its expected fires, skips and cancels. */
export async function scenarioGate(ruleSet: RuleSet, bot: string): Promise<GateResult> {
  const scenarios: ScenarioResult[] = [];
  for (const s of ruleSet.scenarios) scenarios.push(await runScenario(ruleSet, s, bot));
  const failed = scenarios.filter((s) => !s.passed).length;
  const message = scenarios.length === 0 ? 'no scenarios' : failed === 0 ? `${scenarios.length} scenarios passed` : `${failed} of ${scenarios.length} scenarios failed`;
  return { passed: failed === 0, message, details: { total: scenarios.length, failed, scenarios } };
}

export const ruleSetKindPolicy: KindDescriptor<RuleSet> = {
  parse(document) {
    const parsed = ruleSetSchema.safeParse(document);
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
  },
  validate(document): ValidationIssueWire[] {
    const result = validateRuleSet(document);
    const issues: ValidationIssueWire[] = result.ok ? [] : result.issues.map((i) => ({ code: i.code, severity: 'error', message: i.message, path: i.path }));
    const ruleIds = new Set(document.rules.map((r) => r.id));
    document.scenarios.forEach((s, i) =>
      s.expect.forEach((e, j) => {
        if (!ruleIds.has(e.ruleId)) issues.push({ code: 'scenario_unknown_rule', severity: 'error', message: `scenario "${s.id}" expects rule "${e.ruleId}", which the rule set does not have`, path: `scenarios.${i}.expect.${j}.ruleId` });
      }),
    );
    return issues;
  },
  gate: (ref, candidate) => scenarioGate(candidate, ref.bot),
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
