/**
 * Every background job of the app: one name → one payload type. A job's processor is registered
 * under the same name (see job-registry.ts). Add a name to `JobName` and its payload to `JobPayloads`;
 * the check at the bottom fails to compile when the two disagree.
 * Payloads are JSON (they cross Redis / Postgres): plain objects of strings, numbers, booleans.
 */
export const JobName = {
  /** A wait node's durable timer (nudge after silence). Owner: conversations (api-chat). */
  ConversationTimer: 'conversation.timer',
  /** A scheduled trigger is due: evaluate its rule on fresh facts and record the outcome. Owner: triggers (rules). */
  TriggerFire: 'trigger.fire',
  /** Deliver one action of a fired trigger (signed webhook, retried, then dead-lettered). Owner: triggers (rules). */
  TriggerDeliver: 'trigger.deliver',
  /** Train one NLU model version (intent + slots + emotion → ONNX). Owner: models (nlu-models). */
  NluTrain: 'nlu.train',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface JobPayloads {
  [JobName.ConversationTimer]: {
    bot: string;
    /** The `:cid` the conversation is addressed by. */
    externalId: string;
    conversationId: string;
    timerId: string;
  };
  [JobName.TriggerFire]: { bot: string; jobId: string };
  [JobName.TriggerDeliver]: { bot: string; deliveryId: string };
  [JobName.NluTrain]: { bot: string; versionId: string };
}

type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const catalogueIsComplete: SameKeys<JobName, keyof JobPayloads> = true;
void catalogueIsComplete;
