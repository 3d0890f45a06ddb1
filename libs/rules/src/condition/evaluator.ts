import { Engine, Operator, type Almanac, type TopLevelCondition as EngineCondition } from 'json-rules-engine';
import { checkCondition, compileSafeRegex, durationToMs, type Condition, type ConditionEvaluator, type ConditionIssue, type Duration, type LinearRegex, type TopLevelCondition } from '@zhishou/flow-schema';
import { exists, notExists } from '../operators/existence';
import { between } from '../operators/numeric';
import { olderThan, toEpochMs, withinLast, type RelativeTimeReference } from '../operators/relative-time';
import { matches, textContains } from '../operators/text';
import { createPathResolver } from './path';

/** The fact conditions read "now" from (epoch ms or an ISO string). */
export const NOW_FACT = '$now';
// Internal fact that relative-time values are rewritten to, so the operator sees { now, ms }.
const RELATIVE_TIME_FACT = '$relativeTime';

export class InvalidConditionError extends Error {
  constructor(readonly issues: ConditionIssue[]) {
    super(`invalid condition: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidConditionError';
  }
}

export class MissingReferenceTimeError extends Error {
  constructor() {
    super(`a relative-time condition needs "now": pass the "${NOW_FACT}" fact or give the evaluator a clock`);
    this.name = 'MissingReferenceTimeError';
  }
}

export interface ConditionEvaluatorOptions {
  /** Used when the facts carry no `$now`. Without either, relative-time conditions throw. */
  clock?: () => number;
  /** Idle engines kept per compiled condition (one per concurrent evaluation is needed). */
  maxIdleEnginesPerCondition?: number;
}

/** A condition compiled once and evaluated many times. */
export interface CompiledCondition {
  evaluate(facts: Record<string, unknown>): Promise<boolean>;
}

export interface RulesConditionEvaluator extends ConditionEvaluator {
  /** Compiles (or returns the cached compilation of) a condition; throws InvalidConditionError. */
  compile(condition: TopLevelCondition): CompiledCondition;
  /** The reasons a condition would be refused; empty when it is valid. */
  check(condition: TopLevelCondition): ConditionIssue[];
}

/** Rewrites relative-time values into a reference to the time fact; everything else is kept as written. */
function prepare(condition: Condition): Condition {
  if ('all' in condition) return { all: condition.all.map(prepare) };
  if ('any' in condition) return { any: condition.any.map(prepare) };
  if ('not' in condition) return { not: prepare(condition.not) };
  if (condition.operator === 'olderThan' || condition.operator === 'withinLast') {
    return { ...condition, value: { fact: RELATIVE_TIME_FACT, params: { ms: durationToMs(condition.value as Duration) } } };
  }
  return condition;
}

function collectPatterns(condition: Condition, into: Map<string, LinearRegex>): void {
  if ('all' in condition) condition.all.forEach((c) => collectPatterns(c, into));
  else if ('any' in condition) condition.any.forEach((c) => collectPatterns(c, into));
  else if ('not' in condition) collectPatterns(condition.not, into);
  else if (condition.operator === 'matches' && typeof condition.value === 'string' && !into.has(condition.value)) {
    const compiled = compileSafeRegex(condition.value);
    if (compiled.ok) into.set(condition.value, compiled.regex);
  }
}

/**
 * `ConditionEvaluator` on json-rules-engine with the project's operators.
 *
 * - A condition is compiled once per condition object (WeakMap) and checked first (unknown operator,
 *   bad regex, duration or range → InvalidConditionError with the reasons).
 * - Missing facts never throw: they are undefined and the operators answer false (or true for notExists).
 * - json-rules-engine's `Engine.run` keeps a per-engine status flag that concurrent runs overwrite,
 *   which makes a run skip its rule (observed: ~half of 400 staggered concurrent runs came back false).
 *   So each compiled condition keeps a small pool of engines and a run has one to itself.
 */
export function createConditionEvaluator(options: ConditionEvaluatorOptions = {}): RulesConditionEvaluator {
  const { clock, maxIdleEnginesPerCondition = 16 } = options;
  const patterns = new Map<string, LinearRegex>();
  const pathResolver = createPathResolver();
  const operators = [
    new Operator<unknown, RelativeTimeReference>('olderThan', olderThan),
    new Operator<unknown, RelativeTimeReference>('withinLast', withinLast),
    new Operator<unknown, unknown>('textContains', textContains),
    new Operator<unknown, unknown>('matches', (fact, pattern) => matches(fact, typeof pattern === 'string' ? patterns.get(pattern) : undefined)),
    new Operator<unknown, unknown>('between', between),
    new Operator<unknown, unknown>('exists', (fact) => exists(fact)),
    new Operator<unknown, unknown>('notExists', (fact) => notExists(fact)),
  ];
  const relativeTime = async (params: Record<string, unknown>, almanac: Almanac): Promise<RelativeTimeReference> => {
    const now = toEpochMs(await almanac.factValue(NOW_FACT)) ?? clock?.();
    if (now === undefined) throw new MissingReferenceTimeError();
    return { now, ms: params['ms'] as number };
  };

  function buildEngine(conditions: EngineCondition): Engine {
    const engine = new Engine([], { allowUndefinedFacts: true, pathResolver });
    for (const operator of operators) engine.addOperator(operator);
    engine.addFact(RELATIVE_TIME_FACT, relativeTime, { cache: false });
    engine.addRule({ conditions, event: { type: 'match' } });
    return engine;
  }

  function compileFresh(condition: TopLevelCondition): CompiledCondition {
    const issues = checkCondition(condition);
    if (issues.length > 0) throw new InvalidConditionError(issues);
    collectPatterns(condition, patterns);
    const prepared = prepare(condition) as EngineCondition;
    const idle: Engine[] = [buildEngine(prepared)];
    return {
      async evaluate(facts) {
        const engine = idle.pop() ?? buildEngine(prepared);
        try {
          const { events } = await engine.run(facts);
          return events.length > 0;
        } finally {
          if (idle.length < maxIdleEnginesPerCondition) idle.push(engine);
        }
      },
    };
  }

  const cache = new WeakMap<TopLevelCondition, CompiledCondition | InvalidConditionError>();
  function compile(condition: TopLevelCondition): CompiledCondition {
    let entry = cache.get(condition);
    if (entry === undefined) {
      try {
        entry = compileFresh(condition);
      } catch (error) {
        if (!(error instanceof InvalidConditionError)) throw error;
        entry = error;
      }
      cache.set(condition, entry);
    }
    if (entry instanceof InvalidConditionError) throw entry;
    return entry;
  }

  return {
    compile,
    check: (condition) => checkCondition(condition),
    evaluate: async (condition, facts) => compile(condition).evaluate(facts),
  };
}
