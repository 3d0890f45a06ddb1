import type { ReplayTurnResult } from '@zhishou/engine';
import type { TestCase, TestCaseInput, TurnExpectation } from '@zhishou/flow-schema';
import { ApiError, type ApiClient } from '../../api/client';

const enc = encodeURIComponent;

/** A flow's test case as the api stores it. */
export interface StoredTestCase {
  id: string;
  name: string;
  flow: string;
  testCase: TestCase;
  updatedBy: string;
  updatedAt: string;
}

export type TurnResult = ReplayTurnResult;

export interface CaseResult {
  id: string;
  name: string;
  flow: string;
  passed: boolean;
  turns: TurnResult[];
  /** One readable line per failure (from the api). */
  failures: string[];
}

export interface TestRunReport {
  passed: boolean;
  total: number;
  failed: number;
  results: CaseResult[];
}

export function testsApi(api: ApiClient) {
  const base = (bot: string, flow: string) => `/v1/bots/${enc(bot)}/flows/${enc(flow)}/tests`;
  return {
    list: (bot: string, flow: string) => api.get<StoredTestCase[]>(base(bot, flow)),
    create: (bot: string, flow: string, testCase: TestCaseInput) => api.post<StoredTestCase>(base(bot, flow), testCase),
    update: (bot: string, flow: string, id: string, testCase: TestCaseInput) => api.put<StoredTestCase>(`${base(bot, flow)}/${enc(id)}`, testCase),
    remove: (bot: string, flow: string, id: string) => api.delete<unknown>(`${base(bot, flow)}/${enc(id)}`),
    run: (bot: string, flow: string, version: number | 'draft') => api.post<TestRunReport>(`${base(bot, flow)}/run`, { version }),
    fromPreview: (bot: string, flow: string, session: string, name: string) => api.post<StoredTestCase>(`${base(bot, flow)}/from-preview`, { session, name }),
  };
}

/** The test report of a publish the api refused because test cases failed (`400 tests_failed`), else null. */
export function testsFailedReport(error: unknown): TestRunReport | null {
  if (!(error instanceof ApiError) || error.code !== 'tests_failed') return null;
  const body = error.body as Partial<TestRunReport> | undefined;
  if (!body || !Array.isArray(body.results)) return null;
  const results = body.results;
  const failed = results.filter((r) => !r.passed).length;
  return { passed: failed === 0, total: body.total ?? results.length, failed: body.failed ?? failed, results };
}

/** A short, language-neutral summary of what a turn expects (`replies: 您好 · node: menu`). */
export function describeExpectation(expect: TurnExpectation): string {
  const parts: string[] = [];
  if (expect.intent !== undefined) parts.push(`intent: ${expect.intent}`);
  if (expect.replies !== undefined) parts.push(`replies: ${expect.replies.length === 0 ? '∅' : expect.replies.join(' | ')}`);
  if (expect.contains?.length) parts.push(`contains: ${expect.contains.join(' | ')}`);
  if (expect.node !== undefined) parts.push(`node: ${expect.node ?? '∅'}`);
  if (expect.flow !== undefined) parts.push(`flow: ${expect.flow}`);
  if (expect.status !== undefined) parts.push(`status: ${expect.status}`);
  if (expect.outcome !== undefined) parts.push(`outcome: ${expect.outcome ?? '∅'}`);
  for (const [key, value] of Object.entries(expect.slots ?? {})) parts.push(`slots.${key}: ${JSON.stringify(value)}`);
  for (const [key, value] of Object.entries(expect.vars ?? {})) parts.push(`vars.${key}: ${JSON.stringify(value)}`);
  if (expect.effects !== undefined) parts.push(`effects: ${expect.effects.join(', ') || '∅'}`);
  if (expect.handoff !== undefined) parts.push(`handoff: ${JSON.stringify(expect.handoff)}`);
  return parts.join(' · ');
}

/** One failure of a turn in words: `node: expected "menu", got "price"`. */
export function describeFailure(failure: TurnResult['failures'][number]): string {
  return `${failure.what}: ${JSON.stringify(failure.expected)} → ${JSON.stringify(failure.actual)}`;
}
