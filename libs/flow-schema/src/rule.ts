import { z } from 'zod';
import { durationSchema, idSchema, jsonValueSchema, keySchema } from './common';
import { topLevelConditionSchema } from './condition';
import { checkCondition } from './condition-check';
import { templatePlaceholders } from './template';
import { documentShapeIssue, safeId } from './safe';

/**
 * Proactive triggers: business events in, rules that react to them after a delay.
 * A rule: `on` an event type → `after` a delay → `if` a condition (evaluated when it fires, on fresh
 * facts) → unless a `cancelOn` event for the same subject came first → `actions`.
 */
export const CURRENT_RULESET_SCHEMA_VERSION = 1;

// ---- events ---------------------------------------------------------------------------------

/** Dotted lower-case event types: `order.paid`, `order.shipped`, `item.enquired`. */
export const eventTypeSchema = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'event types look like "order.paid" (lower case, dotted)');
export type EventType = z.infer<typeof eventTypeSchema>;

/** What an event is about. Rules relate events to each other through these keys. */
export const SUBJECT_KEYS = ['orderId', 'buyerId', 'sellerId', 'itemId', 'conversationId'] as const;
export const subjectKeySchema = z.enum(SUBJECT_KEYS);
export type SubjectKey = z.infer<typeof subjectKeySchema>;

const subjectValueSchema = safeId(128);
export const eventSubjectSchema = z
  .object({
    orderId: subjectValueSchema.optional(),
    buyerId: subjectValueSchema.optional(),
    sellerId: subjectValueSchema.optional(),
    itemId: subjectValueSchema.optional(),
    conversationId: subjectValueSchema.optional(),
  })
  .strict()
  .refine((s) => SUBJECT_KEYS.some((k) => s[k] !== undefined), 'a subject names at least one of ' + SUBJECT_KEYS.join(', '));
export type EventSubject = z.infer<typeof eventSubjectSchema>;

export const businessEventSchema = z
  .object({
    /** The sender's id; a repeated id is the same event (ingestion is idempotent by it). */
    eventId: safeId(128),
    type: eventTypeSchema,
    occurredAt: z.iso.datetime({ offset: true }),
    subject: eventSubjectSchema,
    data: z.record(z.string(), jsonValueSchema).default({}),
  })
  .strict();
export type BusinessEvent = z.infer<typeof businessEventSchema>;
export type BusinessEventInput = z.input<typeof businessEventSchema>;

export const MAX_EVENT_BATCH = 1_000;
export const eventBatchSchema = z.object({ events: z.array(businessEventSchema).min(1).max(MAX_EVENT_BATCH) }).strict();
export type EventBatch = z.infer<typeof eventBatchSchema>;

// ---- rules ------------------------------------------------------------------------------------

/**
 * Rule templates read `{{rule.id}}`, `{{rule.name}}`, `{{event.type}}`, `{{event.subject.orderId}}`,
 * `{{event.data.price}}`, `{{slots.x}}` (the conversation's slots) and `{{http.<key>.body.x}}`.
 */
export const RULE_TEMPLATE_ROOTS = ['rule', 'event', 'slots', 'http'] as const;

export const MESSAGE_RECIPIENTS = ['buyer', 'seller'] as const;
export const sendMessageActionSchema = z
  .object({
    type: z.literal('send_message'),
    to: z.enum(MESSAGE_RECIPIENTS),
    template: z.string().min(1).max(2_000),
  })
  .strict();
export const startFlowActionSchema = z
  .object({
    type: z.literal('start_flow'),
    /** Flow key of the bot; it starts in the event's conversation (`subject.conversationId`). */
    flow: idSchema,
  })
  .strict();
export const webhookActionSchema = z
  .object({
    type: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/ }),
    /** JSON body template; when absent the body is `{ rule, event }`. */
    body: z.string().max(10_000).optional(),
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string().max(1_000)).default({}),
  })
  .strict();
export const ruleActionSchema = z.discriminatedUnion('type', [sendMessageActionSchema, startFlowActionSchema, webhookActionSchema]);
export type RuleAction = z.infer<typeof ruleActionSchema>;
export const RULE_ACTION_TYPES = ['send_message', 'start_flow', 'webhook'] as const;

/** An HTTP fact provider: fetched through the api's HttpPort when the rule fires, exposed as `http.<key>`. */
export const httpFactSchema = z
  .object({
    key: keySchema,
    method: z.enum(['GET', 'POST']).default('GET'),
    url: z.string().min(1).max(2_000),
    timeoutMs: z.number().int().min(100).max(10_000).default(2_000),
  })
  .strict();
export type HttpFact = z.infer<typeof httpFactSchema>;

export const triggerRuleSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(120),
    description: z.string().max(1_000).default(''),
    enabled: z.boolean().default(true),
    on: eventTypeSchema,
    /** Delay after the event's `occurredAt`; absent = fire at once (still through the queue). */
    after: durationSchema.optional(),
    /** Evaluated at fire time on fresh facts; absent = always. */
    if: topLevelConditionSchema.optional(),
    /** Event types that cancel a pending trigger for the same subject. */
    cancelOn: z.array(eventTypeSchema).max(20).default([]),
    /** Which subject fields make events "about the same thing" (cancelOn, later events, dedupe). */
    subjectKeys: z.array(subjectKeySchema).min(1).max(SUBJECT_KEYS.length).default(['orderId']),
    /**
     * One pending trigger per rendered key. May use only `{{rule.id}}` and `{{event.subject.<k>}}` for
     * k in `subjectKeys`, so a cancelling event can name the same trigger. Default: rule id + subject keys.
     */
    dedupeKey: z.string().min(1).max(300).optional(),
    httpFacts: z.array(httpFactSchema).max(5).default([]),
    actions: z.array(ruleActionSchema).min(1).max(5),
  })
  .strict();
export type TriggerRule = z.infer<typeof triggerRuleSchema>;
export type TriggerRuleInput = z.input<typeof triggerRuleSchema>;

/** What a scenario expects of one rule: `count` simulation entries of `kind` (0 = must not happen). */
export const SCENARIO_EXPECTED_KINDS = ['scheduled', 'fired', 'skipped', 'cancelled', 'pending', 'duplicate', 'ignored', 'failed'] as const;
export const ruleScenarioExpectationSchema = z
  .object({
    ruleId: idSchema,
    kind: z.enum(SCENARIO_EXPECTED_KINDS),
    count: z.number().int().min(0).max(1_000).default(1),
  })
  .strict();

/**
 * A rule set's test: a timeline of events replayed by the simulator (virtual clock, no side effects)
 * with the fires, skips and cancels it must produce. Publishing the rule set replays every scenario.
 */
export const ruleScenarioSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    events: z.array(businessEventSchema).min(1).max(500),
    /** Stop the virtual clock here; triggers due later count as `pending`. */
    until: z.iso.datetime({ offset: true }).optional(),
    slots: z.record(z.string(), z.record(z.string(), jsonValueSchema)).optional(),
    /** Canned answers of HTTP facts by fact key (a scenario never calls out). */
    http: z.record(z.string(), z.union([z.object({ status: z.number().int(), body: jsonValueSchema }).strict(), z.object({ error: z.string() }).strict()])).optional(),
    expect: z.array(ruleScenarioExpectationSchema).min(1).max(200),
  })
  .strict();
export type RuleScenario = z.infer<typeof ruleScenarioSchema>;

export const ruleSetSchema = z
  .object({
    schemaVersion: z.literal(CURRENT_RULESET_SCHEMA_VERSION).default(CURRENT_RULESET_SCHEMA_VERSION),
    key: idSchema,
    name: z.string().min(1).max(120),
    description: z.string().max(1_000).default(''),
    rules: z.array(triggerRuleSchema).max(200),
    /** The publish gate's scenarios (see ruleScenarioSchema). */
    scenarios: z.array(ruleScenarioSchema).max(100).default([]),
  })
  .strict();
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleSetInput = z.input<typeof ruleSetSchema>;

/** The dedupe key template a rule uses: its own, or rule id + its subject keys. */
export function dedupeKeyTemplate(rule: Pick<TriggerRule, 'dedupeKey' | 'subjectKeys'>): string {
  return rule.dedupeKey ?? ['{{rule.id}}', ...rule.subjectKeys.map((k) => `{{event.subject.${k}}}`)].join(':');
}

// ---- validation -------------------------------------------------------------------------------

export const RULE_ISSUE_CODES = [
  'schema',
  'duplicate_rule_id',
  'cancel_on_trigger',
  'duplicate_cancel_event',
  'dedupe_key_placeholder',
  'template_unknown_root',
  'duplicate_http_fact',
  'unknown_operator',
  'invalid_regex',
  'invalid_duration',
  'invalid_range',
  'invalid_value',
  'invalid_path',
] as const;
export type RuleIssueCode = (typeof RULE_ISSUE_CODES)[number];
export interface RuleIssue {
  /** Dotted path into the document, e.g. `rules.0.if.all.1.value`. */
  path: string;
  code: RuleIssueCode;
  message: string;
}

export type RuleSetValidation = { ok: true; ruleSet: RuleSet; issues: [] } | { ok: false; issues: RuleIssue[] };

const at = (...parts: (string | number)[]) => parts.join('.');

function templateIssues(template: string, path: string): RuleIssue[] {
  return templatePlaceholders(template)
    .filter((p) => !(RULE_TEMPLATE_ROOTS as readonly string[]).includes(p.root))
    .map((p) => ({ path, code: 'template_unknown_root' as const, message: `unknown placeholder ${p.raw} (use ${RULE_TEMPLATE_ROOTS.map((r) => `{{${r}.…}}`).join(', ')})` }));
}

function dedupeKeyIssues(rule: TriggerRule, path: string): RuleIssue[] {
  const allowed = new Set(['rule.id', ...rule.subjectKeys.map((k) => `event.subject.${k}`)]);
  return templatePlaceholders(dedupeKeyTemplate(rule))
    .filter((p) => !allowed.has([p.root, ...p.path].join('.')))
    .map((p) => ({
      path,
      code: 'dedupe_key_placeholder' as const,
      message: `dedupe key may use only ${[...allowed].map((a) => `{{${a}}}`).join(', ')}: ${p.raw} would not be known to a cancelling event`,
    }));
}

/** Semantic checks of one schema-valid rule. */
export function ruleIssues(rule: TriggerRule, index: number): RuleIssue[] {
  const base = ['rules', index] as const;
  const issues: RuleIssue[] = [];
  if (rule.cancelOn.includes(rule.on)) {
    issues.push({ path: at(...base, 'cancelOn'), code: 'cancel_on_trigger', message: `"${rule.on}" both starts and cancels the rule` });
  }
  if (new Set(rule.cancelOn).size !== rule.cancelOn.length) {
    issues.push({ path: at(...base, 'cancelOn'), code: 'duplicate_cancel_event', message: 'an event type is listed twice in cancelOn' });
  }
  issues.push(...dedupeKeyIssues(rule, at(...base, 'dedupeKey')));
  if (rule.if) {
    for (const c of checkCondition(rule.if)) issues.push({ path: at(...base, 'if', ...c.path), code: c.code, message: c.message });
  }
  const httpKeys = rule.httpFacts.map((f) => f.key);
  httpKeys.forEach((key, i) => {
    if (httpKeys.indexOf(key) !== i) issues.push({ path: at(...base, 'httpFacts', i, 'key'), code: 'duplicate_http_fact', message: `http fact "${key}" is defined twice` });
  });
  rule.httpFacts.forEach((f, i) => issues.push(...templateIssues(f.url, at(...base, 'httpFacts', i, 'url'))));
  rule.actions.forEach((action, i) => {
    const path = at(...base, 'actions', i);
    if (action.type === 'send_message') issues.push(...templateIssues(action.template, at(path, 'template')));
    if (action.type === 'webhook' && action.body !== undefined) issues.push(...templateIssues(action.body, at(path, 'body')));
  });
  return issues;
}

/**
 * Parses and validates a rule set document: shape first (zod, with defaults), then the reasons a
 * schema-valid rule set would still misbehave (duplicate ids, a rule cancelled by its own trigger,
 * bad regexes or operators, dedupe keys a cancelling event cannot render, unknown template roots).
 */
export function validateRuleSet(document: unknown): RuleSetValidation {
  const tooDeep = documentShapeIssue(document);
  if (tooDeep) return { ok: false, issues: [{ ...tooDeep, code: 'schema' }] };
  const parsed = ruleSetSchema.safeParse(document);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: 'schema', message: i.message })) };
  }
  const ruleSet = parsed.data;
  const issues: RuleIssue[] = [];
  const seen = new Set<string>();
  ruleSet.rules.forEach((rule, index) => {
    if (seen.has(rule.id)) issues.push({ path: at('rules', index, 'id'), code: 'duplicate_rule_id', message: `rule id "${rule.id}" is used twice` });
    seen.add(rule.id);
    issues.push(...ruleIssues(rule, index));
  });
  return issues.length === 0 ? { ok: true, ruleSet, issues: [] } : { ok: false, issues };
}
