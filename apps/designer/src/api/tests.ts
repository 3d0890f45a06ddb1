import { storedTestCaseListSchema, storedTestCaseSchema, testRunReportSchema, type TestCaseInput, type TestRunReport } from '@zhishou/flow-schema';
import { ApiError, noBody, type ApiClient } from './client';

const enc = encodeURIComponent;

/** A flow's test cases and their replay. */
export function testsApi(api: ApiClient) {
  const base = (bot: string, flow: string) => `/v1/bots/${enc(bot)}/flows/${enc(flow)}/tests`;
  return {
    list: (bot: string, flow: string) => api.get(base(bot, flow), storedTestCaseListSchema),
    create: (bot: string, flow: string, testCase: TestCaseInput) => api.post(base(bot, flow), testCase, storedTestCaseSchema),
    update: (bot: string, flow: string, id: string, testCase: TestCaseInput) => api.put(`${base(bot, flow)}/${enc(id)}`, testCase, storedTestCaseSchema),
    remove: (bot: string, flow: string, id: string) => api.delete(`${base(bot, flow)}/${enc(id)}`, noBody),
    run: (bot: string, flow: string, version: number | 'draft') => api.post(`${base(bot, flow)}/run`, { version }, testRunReportSchema),
    fromPreview: (bot: string, flow: string, session: string, name: string) => api.post(`${base(bot, flow)}/from-preview`, { session, name }, storedTestCaseSchema),
  };
}

/** The test report of a publish the api refused because test cases failed (`400 tests_failed`), else null. */
export function testsFailedReport(error: unknown): TestRunReport | null {
  if (!(error instanceof ApiError) || error.code !== 'tests_failed' || typeof error.body !== 'object' || error.body === null) return null;
  // The body is the error envelope around the run report: take the report's fields and parse them.
  const { passed, total, failed, results } = error.body as Record<string, unknown>;
  const report = testRunReportSchema.safeParse({ passed, total, failed, results });
  return report.success ? report.data : null;
}
