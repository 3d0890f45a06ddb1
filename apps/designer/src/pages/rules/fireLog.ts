import type { Fire, RuleOverview } from '@zhishou/flow-schema';

/** Per-rule status of the overview (`GET /rules`), keyed `<ruleSet>/<ruleId>`. */
export type RuleStatus = RuleOverview['ruleSets'][number]['rules'][number];

export function ruleStatuses(overview: RuleOverview): Map<string, RuleStatus> {
  return new Map(overview.ruleSets.flatMap((set) => set.rules.map((rule) => [`${set.key}/${rule.id}`, rule] as const)));
}

/** The most recent fire of each rule, for the list's "last fired" column. */
export function lastFireByRule(fires: readonly Fire[]): Map<string, Fire> {
  const last = new Map<string, Fire>();
  for (const f of fires) {
    const seen = last.get(f.ruleId);
    if (!seen || f.at > seen.at) last.set(f.ruleId, f);
  }
  return last;
}
