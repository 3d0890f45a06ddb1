import { dedupeKeyTemplate, durationToMs, validateRuleSet, type RuleIssue, type RuleSet, type TriggerRule } from '@zhishou/flow-schema';
import { compileTemplate, type RenderTemplate } from './template';

export class InvalidRuleSetError extends Error {
  constructor(readonly issues: RuleIssue[]) {
    super(`invalid rule set: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidRuleSetError';
  }
}

export interface CompiledRule {
  rule: TriggerRule;
  afterMs: number;
  renderDedupeKey: RenderTemplate;
}

/** A rule set compiled once: rules indexed by the event types that start and cancel them. */
export interface CompiledRuleSet {
  key: string;
  /** The published version number (null for a draft or a simulation). */
  version: number | null;
  ruleSet: RuleSet;
  rules: ReadonlyMap<string, CompiledRule>;
  /** Enabled rules started by this event type. */
  startedBy(eventType: string): readonly CompiledRule[];
  /** Enabled rules cancelled by this event type. */
  cancelledBy(eventType: string): readonly CompiledRule[];
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Validates (throws InvalidRuleSetError with the reasons) and indexes a rule set document. */
export function compileRuleSet(document: unknown, options: { version?: number | null } = {}): CompiledRuleSet {
  const validation = validateRuleSet(document);
  if (!validation.ok) throw new InvalidRuleSetError(validation.issues);
  const ruleSet = validation.ruleSet;
  const rules = new Map<string, CompiledRule>();
  const starts = new Map<string, CompiledRule[]>();
  const cancels = new Map<string, CompiledRule[]>();
  for (const rule of ruleSet.rules) {
    const compiled: CompiledRule = {
      rule,
      afterMs: rule.after === undefined ? 0 : durationToMs(rule.after),
      renderDedupeKey: compileTemplate(dedupeKeyTemplate(rule)),
    };
    rules.set(rule.id, compiled);
    if (!rule.enabled) continue;
    pushTo(starts, rule.on, compiled);
    for (const type of rule.cancelOn) pushTo(cancels, type, compiled);
  }
  return {
    key: ruleSet.key,
    version: options.version ?? null,
    ruleSet,
    rules,
    startedBy: (type) => starts.get(type) ?? [],
    cancelledBy: (type) => cancels.get(type) ?? [],
  };
}
