import { z } from 'zod';
import { jsonValueSchema } from '../common';
import { conversationStatusSchema } from '../conversation';
import { testCaseSchema, turnExpectationSchema } from '../test-case';
import { isoDateTime, positiveInt } from './common';

/** /v1/bots/:bot/flows/:flow/tests… — a flow's test cases and their replay (also the publish gate's report). */
export const storedTestCaseSchema = z.strictObject({
  id: z.uuid().describe('test case id'),
  bot: z.string().describe('bot key'),
  flow: z.string().describe('flow it belongs to (and starts in)'),
  name: z.string().describe('unique per flow'),
  testCase: testCaseSchema,
  updatedBy: z.string().describe('who saved last'),
  updatedAt: isoDateTime,
});
export type StoredTestCase = z.infer<typeof storedTestCaseSchema>;
export const storedTestCaseListSchema = z.array(storedTestCaseSchema);

export const runTestsRequestSchema = z.object({ version: z.union([positiveInt, z.literal('draft')]).default('draft').describe('replay against the draft or a version') });
export const fromPreviewRequestSchema = z.object({
  session: z.string().min(1).max(128).describe('test-chat session id'),
  name: z.string().min(1).max(200).describe('test case name'),
  description: z.string().max(2000).optional().describe('what it checks'),
});

/** One turn of a replay: what was expected, what happened, and what differed (`ReplayTurnResult` of @zhishou/engine). */
export const replayFailureSchema = z.strictObject({
  what: z.string().describe('which expectation (`node`, `replies`, `slots.x`, …)'),
  expected: jsonValueSchema.describe('expected value'),
  actual: jsonValueSchema.describe('actual value'),
});
export const replayTurnResultSchema = z.strictObject({
  user: z.string().describe("the user's text; `[timer pending]`, `[timer stale]` or `[release]` for other inputs"),
  expected: turnExpectationSchema,
  actual: z.strictObject({
    replies: z.array(z.string()).describe('reply texts'),
    node: z.string().nullable().describe('node it waits at'),
    flow: z.string().nullable().describe('flow running'),
    slots: z.record(z.string(), jsonValueSchema).describe('slots after the turn'),
    status: conversationStatusSchema.nullable().describe('status after the turn'),
    intent: z.string().nullable().describe('top intent'),
  }),
  failures: z.array(replayFailureSchema),
});
export type ReplayTurnResultWire = z.infer<typeof replayTurnResultSchema>;

export const testCaseResultSchema = z.strictObject({
  id: z.string().describe('test case id'),
  name: z.string().describe('test case name'),
  flow: z.string().describe('flow the case belongs to (and starts in)'),
  passed: z.boolean().describe('every turn met its expectations'),
  turns: z.array(replayTurnResultSchema),
  failures: z.array(z.string()).describe('one readable line per failure'),
});
export type TestCaseResult = z.infer<typeof testCaseResultSchema>;

export const testRunReportSchema = z.strictObject({
  passed: z.boolean().describe('all cases passed'),
  total: z.number().int().describe('cases run'),
  failed: z.number().int().describe('cases failed'),
  results: z.array(testCaseResultSchema),
});
export type TestRunReport = z.infer<typeof testRunReportSchema>;
