import type { TestCaseResult, TestRunReport } from '@zhishou/flow-schema';

/** Keeps the last run per flow for the tests page, whether it came from 运行 or from a refused publish. */
const KEY = 'zhishou.lastTestRun';
type Stored = Record<string, { at: string; results: TestCaseResult[] }>;

function readAll(): Stored {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : {};
  } catch {
    return {};
  }
}

export function recordTestRun(bot: string, report: TestRunReport, at = new Date().toISOString()): void {
  const all = readAll();
  const byFlow = new Map<string, TestCaseResult[]>();
  for (const result of report.results) byFlow.set(result.flow, [...(byFlow.get(result.flow) ?? []), result]);
  for (const [flow, results] of byFlow) all[`${bot}/${flow}`] = { at, results };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // Storage full or unavailable: the page just shows no last run.
  }
}

export function lastTestRun(bot: string, flow: string): { at: string; results: TestCaseResult[] } | null {
  return readAll()[`${bot}/${flow}`] ?? null;
}
