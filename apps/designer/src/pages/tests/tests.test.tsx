import { fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../../api/client';
import { createI18n } from '../../i18n';
import { TestRunResults } from './TestRunResults';
import { TestsFailedAlert } from '../../features/test-runs/TestsFailedAlert';
import type { TestRunReport } from '@zhishou/flow-schema';
import { testsFailedReport } from '../../api/tests';
import { describeExpectation } from './testText';

const report: TestRunReport = {
  passed: false,
  total: 2,
  failed: 1,
  results: [
    {
      id: 'a',
      name: '砍价成交',
      flow: 'main',
      passed: false,
      failures: ['turn 1 "130可以吗": node: expected "await_reply", got "silence"'],
      turns: [
        {
          user: '130可以吗',
          expected: { replies: ['130元有点低'], node: 'await_reply' },
          actual: { replies: ['130元可以'], node: 'silence', flow: 'main', slots: {}, status: 'waiting_timer', intent: 'bargain' },
          failures: [{ what: 'node', expected: 'await_reply', actual: 'silence' }],
        },
      ],
    },
    {
      id: 'b',
      name: '问候',
      flow: 'main',
      passed: true,
      failures: [],
      turns: [{ user: '你好', expected: { replies: ['您好'] }, actual: { replies: ['您好～'], node: 'menu', flow: 'main', slots: {}, status: 'waiting_input', intent: 'greeting' }, failures: [] }],
    },
  ],
};

function renderEn(ui: ReactElement) {
  return render(
    <I18nextProvider i18n={createI18n('en')}>
      <AntApp>{ui}</AntApp>
    </I18nextProvider>,
  );
}

describe('tests api helpers', () => {
  it('reads the report out of a publish refused with tests_failed, and nothing out of other errors', () => {
    const refused = errorFromResponse(400, { error: 'tests_failed', message: '1 of 2 test cases failed', ...report });
    expect(testsFailedReport(refused)).toEqual(report);
    expect(testsFailedReport(errorFromResponse(400, { error: 'validation_failed', issues: [] }))).toBeNull();
    expect(testsFailedReport(new Error('x'))).toBeNull();
  });

  it('summarises a turn expectation', () => {
    expect(describeExpectation({ intent: 'greeting', replies: ['您好', '还在'], node: null, slots: { price: 150 } })).toBe('intent: greeting · replies: 您好 | 还在 · node: ∅ · slots.price: 150');
  });
});

describe('test results', () => {
  it('shows totals, and pass or fail per case and per turn with what differed', () => {
    renderEn(<TestRunResults report={report} />);
    expect(screen.getByTestId('test-run-summary').textContent).toContain('1 of 2 test cases failed');
    const cases = screen.getAllByTestId('test-case-result');
    expect(cases.map((c) => c.getAttribute('data-passed'))).toEqual(['false', 'true']);
    // The failed case is open: its turn shows the failure, what was said and where it stopped.
    const failures = screen.getByTestId('turn-failures');
    expect(failures.textContent).toBe('node: "await_reply" → "silence"');
    expect(screen.getByText('130元可以')).toBeTruthy();
    fireEvent.click(within(cases[1]!).getByText('问候'));
    expect(screen.getAllByTestId('turn-passed')).toHaveLength(1);
  });

  it('explains a publish refused by the gate, failing cases only', () => {
    renderEn(<TestsFailedAlert bot="xianyu" flow="main" report={report} />);
    const alert = screen.getByTestId('publish-tests-failed');
    expect(alert.textContent).toContain('Not published: 1 of 2 test cases failed');
    expect(alert.textContent).toContain('砍价成交');
    expect(alert.textContent).toContain('node: expected "await_reply", got "silence"');
    expect(alert.textContent).not.toContain('问候');
  });
});
