import { templatePlaceholders, type BusinessEvent, type Condition, type ConditionEvaluator, type EventSubject, type HttpPort, type JsonValue, type SubjectKey, type TriggerRule } from '@zhishou/flow-schema';
import type { CompiledRule } from './compile';
import { shouldCancel } from './match';
import { compileTemplate, renderTemplate } from './template';

/**
 * Facts a rule condition sees when it fires (fresh, not those of scheduling time):
 * - `event`: the event that started the trigger (`$.data.price`, `$.subject.orderId`, `$.occurredAt`)
 * - `laterEvents`, `laterEventTypes`: events about the same subject since then (from the event log)
 * - `slots`: the conversation's slots (when the subject names a conversation)
 * - `http`: results of the rule's HTTP fact providers (`$.order.body.status`, or `$.order.error`)
 * - `$now` (epoch ms, also used by olderThan / withinLast), `elapsedMs` since the event
 */
export const RULE_FACTS = ['event', 'laterEvents', 'laterEventTypes', 'slots', 'http', '$now', 'elapsedMs'] as const;

export type HttpFactResult = { status: number; body: JsonValue } | { error: string };

export interface FireContext {
  trigger: BusinessEvent;
  laterEvents: readonly BusinessEvent[];
  slots?: Record<string, unknown>;
  http?: Record<string, HttpFactResult>;
  now: number;
}

export function fireFacts(ctx: FireContext): Record<string, unknown> {
  return {
    event: ctx.trigger,
    laterEvents: ctx.laterEvents,
    laterEventTypes: [...new Set(ctx.laterEvents.map((e) => e.type))],
    slots: ctx.slots,
    http: ctx.http ?? {},
    $now: ctx.now,
    elapsedMs: ctx.now - Date.parse(ctx.trigger.occurredAt),
  };
}

export type RenderedAction =
  | { type: 'send_message'; to: 'buyer' | 'seller'; recipientId?: string; conversationId?: string; text: string }
  | { type: 'start_flow'; flow: string; conversationId?: string }
  | { type: 'webhook'; url: string; headers: Record<string, string>; body: string };

export type FireDecision =
  | { outcome: 'fire'; actions: RenderedAction[] }
  | { outcome: 'skipped'; reason: 'condition_false' | 'rule_disabled' }
  | { outcome: 'cancelled'; reason: 'cancel_event'; byEventId: string };

function templateScope(rule: TriggerRule, ctx: FireContext): Record<string, unknown> {
  return { rule: { id: rule.id, name: rule.name }, event: ctx.trigger, slots: ctx.slots ?? {}, http: ctx.http ?? {} };
}

export function renderActions(rule: TriggerRule, ctx: FireContext): RenderedAction[] {
  const scope = templateScope(rule, ctx);
  const subject = ctx.trigger.subject;
  return rule.actions.map((action): RenderedAction => {
    switch (action.type) {
      case 'send_message':
        return {
          type: 'send_message',
          to: action.to,
          recipientId: action.to === 'buyer' ? subject.buyerId : subject.sellerId,
          conversationId: subject.conversationId,
          text: renderTemplate(action.template, scope),
        };
      case 'start_flow':
        return { type: 'start_flow', flow: action.flow, conversationId: subject.conversationId };
      case 'webhook':
        return {
          type: 'webhook',
          url: action.url,
          headers: action.headers,
          body: action.body === undefined ? JSON.stringify({ rule: scope['rule'], event: ctx.trigger }) : renderTemplate(action.body, scope, 'json'),
        };
    }
  });
}

/**
 * The decision when a trigger fires: cancelled if a cancelling event for the subject is in the log
 * (covers a cancel that raced the queue), skipped if the rule is disabled or its condition is false on
 * the fresh facts, else the rendered actions.
 */
export async function evaluateAtFire(compiled: CompiledRule, ctx: FireContext, evaluator: ConditionEvaluator): Promise<FireDecision> {
  const { rule } = compiled;
  const canceller = ctx.laterEvents.find((event) => shouldCancel(event, { rule, trigger: ctx.trigger }));
  if (canceller) return { outcome: 'cancelled', reason: 'cancel_event', byEventId: canceller.eventId };
  if (!rule.enabled) return { outcome: 'skipped', reason: 'rule_disabled' };
  if (rule.if && !(await evaluator.evaluate(rule.if, fireFacts(ctx)))) return { outcome: 'skipped', reason: 'condition_false' };
  return { outcome: 'fire', actions: renderActions(rule, ctx) };
}

/** Where fire-time facts come from; the api implements it on the event log, conversations and its HttpPort. */
export interface FactPorts {
  /** Events about the same subject (equal on `subjectKeys`) that occurred after `trigger` and at or before `until`, oldest first. */
  laterEvents(query: { subject: EventSubject; subjectKeys: readonly SubjectKey[]; trigger: BusinessEvent; until: number }): Promise<BusinessEvent[]>;
  slots?(conversationId: string): Promise<Record<string, unknown> | undefined>;
  http?: HttpPort;
}

async function fetchHttpFacts(rule: TriggerRule, trigger: BusinessEvent, http: HttpPort | undefined): Promise<Record<string, HttpFactResult>> {
  const results: Record<string, HttpFactResult> = {};
  const scope = { rule: { id: rule.id, name: rule.name }, event: trigger };
  await Promise.all(
    rule.httpFacts.map(async (fact) => {
      if (!http) {
        results[fact.key] = { error: 'http facts are not available here' };
        return;
      }
      try {
        const url = compileTemplate(fact.url, 'url')(scope);
        const response = await http.request({ method: fact.method, url, headers: { accept: 'application/json' }, timeoutMs: fact.timeoutMs });
        results[fact.key] = { status: response.status, body: response.body };
      } catch (error) {
        results[fact.key] = { error: (error as Error).message };
      }
    }),
  );
  return results;
}

function conditionFacts(condition: Condition | undefined, into: Set<string>): Set<string> {
  if (!condition) return into;
  if ('all' in condition) condition.all.forEach((c) => conditionFacts(c, into));
  else if ('any' in condition) condition.any.forEach((c) => conditionFacts(c, into));
  else if ('not' in condition) conditionFacts(condition.not, into);
  else {
    into.add(condition.fact);
    if (condition.value !== null && typeof condition.value === 'object' && !Array.isArray(condition.value) && typeof condition.value['fact'] === 'string') into.add(condition.value['fact']);
  }
  return into;
}

/** Which fire-time lookups a rule needs, so firing does not query what nothing reads. */
export function factNeeds(rule: TriggerRule): { laterEvents: boolean; slots: boolean } {
  const facts = conditionFacts(rule.if, new Set());
  const templates = rule.actions.flatMap((a) => (a.type === 'send_message' ? [a.template] : a.type === 'webhook' && a.body ? [a.body] : []));
  return {
    // Cancel events are looked for at fire time too (a cancel that raced the queue).
    laterEvents: rule.cancelOn.length > 0 || facts.has('laterEvents') || facts.has('laterEventTypes'),
    slots: facts.has('slots') || templates.some((t) => templatePlaceholders(t).some((p) => p.root === 'slots')),
  };
}

/** Gathers the fresh facts for a firing trigger through the ports (only those the rule reads). */
export async function gatherFireContext(compiled: CompiledRule, trigger: BusinessEvent, ports: FactPorts, now: number): Promise<FireContext> {
  const { rule } = compiled;
  const conversationId = trigger.subject.conversationId;
  const needs = factNeeds(rule);
  const [laterEvents, slots, http] = await Promise.all([
    needs.laterEvents ? ports.laterEvents({ subject: trigger.subject, subjectKeys: rule.subjectKeys, trigger, until: now }) : Promise.resolve([]),
    needs.slots && conversationId && ports.slots ? ports.slots(conversationId) : Promise.resolve(undefined),
    fetchHttpFacts(rule, trigger, ports.http),
  ]);
  return { trigger, laterEvents, slots, http, now };
}
