import { Alert, Collapse, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReplayTurnResultWire as TurnResult, TestCaseResult as CaseResult, TestRunReport } from '@zhishou/flow-schema';
import { describeExpectation, describeFailure } from './testText';

/** A run's outcome: one line of totals, then each case (failed ones open) with pass/fail per turn. */
export function TestRunResults({ report }: { report: TestRunReport }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="test-run-results">
      <Alert
        type={report.passed ? 'success' : 'error'}
        showIcon
        data-testid="test-run-summary"
        message={report.passed ? t('tests.summaryPassed', { total: report.total }) : t('tests.summaryFailed', { failed: report.failed, total: report.total })}
      />
      {report.results.length > 0 && (
        <Collapse
          defaultActiveKey={report.results.filter((r) => !r.passed).map((r) => r.id)}
          items={report.results.map((result) => ({ key: result.id, label: <CaseLabel result={result} />, children: <TurnTable turns={result.turns} /> }))}
        />
      )}
    </Space>
  );
}

function CaseLabel({ result }: { result: CaseResult }) {
  const { t } = useTranslation();
  return (
    <Space data-testid="test-case-result" data-passed={String(result.passed)}>
      <Tag color={result.passed ? 'green' : 'red'}>{t(result.passed ? 'tests.passed' : 'tests.failed')}</Tag>
      <span>{result.name}</span>
      <Typography.Text type="secondary">{result.flow}</Typography.Text>
    </Space>
  );
}

function TurnTable({ turns }: { turns: TurnResult[] }) {
  const { t } = useTranslation();
  return (
    <Table<TurnResult & { index: number }>
      size="small"
      rowKey="index"
      pagination={false}
      dataSource={turns.map((turn, index) => ({ ...turn, index }))}
      columns={[
        { title: t('tests.turn'), dataIndex: 'index', width: 56, render: (i: number) => i + 1 },
        { title: t('tests.user'), dataIndex: 'user' },
        { title: t('tests.expected'), key: 'expected', render: (_: unknown, turn) => <Typography.Text type="secondary">{describeExpectation(turn.expected)}</Typography.Text> },
        { title: t('tests.actual'), key: 'actual', render: (_: unknown, turn) => turn.actual.replies.join(' / ') || '∅' },
        { title: t('tests.node'), key: 'node', render: (_: unknown, turn) => turn.actual.node ?? '∅' },
        {
          title: t('tests.result'),
          key: 'result',
          render: (_: unknown, turn) =>
            turn.failures.length === 0 ? (
              <Tag color="green" data-testid="turn-passed">✓</Tag>
            ) : (
              <ul style={{ margin: 0, paddingLeft: 16, color: '#cf1322' }} data-testid="turn-failures">
                {turn.failures.map((f, i) => (
                  <li key={i}>{describeFailure(f)}</li>
                ))}
              </ul>
            ),
        },
      ]}
    />
  );
}
