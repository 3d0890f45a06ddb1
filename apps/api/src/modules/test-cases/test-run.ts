import type { Flow, HttpPort, TestCase, TestCaseResult, TestRunReport } from '@zhishou/flow-schema';

// The wire shapes of a run (`testRunReportSchema` in @zhishou/flow-schema); the publish gate reports the same.
export type { TestCaseResult, TestRunReport };

export function report(results: TestCaseResult[]): TestRunReport {
  const failed = results.filter((r) => !r.passed).length;
  return { passed: failed === 0, total: results.length, failed, results };
}

/** Flow keys a flow calls directly: subflow nodes and global transitions to a flow. */
function callees(flow: Flow): string[] {
  const fromNodes = flow.nodes.flatMap((n) => (n.kind === 'subflow' ? [n.config.flow] : []));
  const fromGlobals = flow.settings.globalTransitions.flatMap((g) => ('flow' in g.target ? [g.target.flow] : []));
  return [...fromNodes, ...fromGlobals];
}

/**
 * The flows whose conversations can run `target`: itself and every flow that calls it, directly or
 * through other flows. Their test cases are the ones a change to `target` can break.
 */
export function flowsReaching(target: string, flows: ReadonlyMap<string, Flow>): string[] {
  const reaching = new Set([target]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [key, flow] of flows) {
      if (!reaching.has(key) && callees(flow).some((c) => reaching.has(c))) {
        reaching.add(key);
        grew = true;
      }
    }
  }
  return [...reaching].sort();
}

/**
 * The test case's recorded HTTP answers first ("METHOD url"), everything else through the chat
 * turn's own adapter (the in-process sandbox, the SSRF-guarded client), so a recorded answer pins a
 * replay while unrecorded sandbox calls still work as in a real conversation.
 */
export function recordedHttp(recorded: TestCase['http'], fallback: HttpPort): HttpPort {
  if (!recorded || Object.keys(recorded).length === 0) return fallback;
  return {
    request: async (request) => {
      const answer = recorded[`${request.method} ${request.url}`];
      return answer ? { status: answer.status, body: answer.body } : fallback.request(request);
    },
  };
}
