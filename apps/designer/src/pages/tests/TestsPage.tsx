import { Alert, App, Button, Card, Input, Modal, Popconfirm, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { testCaseSchema, type TestCase } from '@zhishou/flow-schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useCan } from '../../auth/session';
import { useApiError } from '../../hooks/useApiError';
import { useAsync } from '../../hooks/useAsync';
import { FlowPickerPage } from '../../components/FlowPickerPage';
import { nluApi } from '../../api/nlu';
import { TestCaseForm } from './TestCaseForm';
import { TestRunResults } from './TestRunResults';
import type { StoredTestCase, TestRunReport } from '@zhishou/flow-schema';
import { testsApi } from '../../api/tests';
import { lastTestRun, recordTestRun } from '../../features/test-runs/lastRun';
import { acceptActual, type CaseResult } from './testEdits';

const tests = testsApi(api);
const nlu = nluApi(api);
const EXAMPLE_CASE: TestCase = { name: '问候', turns: [{ user: '你好', expect: { replies: ['您好'] } }] };
const MAX_INLINE_FAILURES = 3;

/** A flow's test cases: list them, add or edit one with a form (or as JSON), delete, run them all against the draft. */
export function TestsPage({ bot, query }: { bot: string; query: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <FlowPickerPage
      bot={bot}
      query={query}
      tab="tests"
      title={t('tests.title')}
      pickerLabel={t('tests.flow')}
      testId="tests-flow-select"
      intro={<Typography.Paragraph type="secondary">{t('tests.intro')}</Typography.Paragraph>}
    >
      {(flowKey) => <FlowTests key={flowKey} bot={bot} flow={flowKey} />}
    </FlowPickerPage>
  );
}

function FlowTests({ bot, flow }: { bot: string; flow: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const canEdit = useCan('flow.edit');
  const list = useAsync(() => tests.list(bot, flow), [bot, flow]);
  const [report, setReport] = useState<{ run: number; report: TestRunReport }>();
  const [running, setRunning] = useState(false);
  // The case being edited ('new' for a new one), with the form or as JSON.
  const [editing, setEditing] = useState<{ target: StoredTestCase | 'new'; mode: 'form' | 'json' }>();
  // The last run of this flow's cases: from 运行 here, or from a publish the test gate refused.
  const [lastRun, setLastRun] = useState(() => lastTestRun(bot, flow));
  const [accepting, setAccepting] = useState<string>();
  const intents = useAsync(async () => (await nlu.get(bot)).data.intents.map((i) => i.key), [bot]);

  async function run() {
    setRunning(true);
    try {
      const next = await tests.run(bot, flow, 'draft');
      // A new run remounts the results, so its failed cases open afresh.
      setReport((prev) => ({ run: (prev?.run ?? 0) + 1, report: next }));
      recordTestRun(bot, next);
      setLastRun(lastTestRun(bot, flow));
    } catch (error) {
      showError(error);
    } finally {
      setRunning(false);
    }
  }

  async function remove(id: string) {
    try {
      await tests.remove(bot, flow, id);
      void message.success(t('tests.deleted'));
      list.reload();
    } catch (error) {
      showError(error);
    }
  }

  /** One click: the case now expects what the run actually did (for the checks it makes), then everything runs again. */
  async function accept(stored: StoredTestCase, result: CaseResult) {
    setAccepting(stored.id);
    try {
      await tests.update(bot, flow, stored.id, acceptActual(stored.testCase, result));
      void message.success(t('testForm.accepted', { name: stored.name }));
      list.reload();
      await run();
    } catch (error) {
      showError(error);
    } finally {
      setAccepting(undefined);
    }
  }

  async function save(input: TestCase) {
    if (!editing) return;
    if (editing.target === 'new') await tests.create(bot, flow, input);
    else await tests.update(bot, flow, editing.target.id, input);
    void message.success(t('tests.saved'));
    setEditing(undefined);
    list.reload();
  }

  const statusOf = (id: string) => lastRun?.results.find((r) => r.id === id);
  return (
    <>
      <Card
        title={t('tests.listTitle', { count: list.data?.length ?? 0 })}
        extra={
          <Space>
            {canEdit && (
              <Button onClick={() => setEditing({ target: 'new', mode: 'form' })} data-testid="tests-add">
                {t('tests.add')}
              </Button>
            )}
            <Button type="primary" loading={running} disabled={!canEdit || (list.data?.length ?? 0) === 0} onClick={() => void run()} data-testid="tests-run">
              {t('tests.run')}
            </Button>
          </Space>
        }
      >
        <Table<StoredTestCase>
          rowKey="id"
          size="small"
          data-testid="tests-table"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('tests.none') }}
          columns={[
            { title: t('tests.name'), dataIndex: 'name' },
            { title: t('tests.turns'), key: 'turns', width: 80, render: (_: unknown, c) => c.testCase.turns.length },
            { title: t('tests.updatedBy'), dataIndex: 'updatedBy' },
            { title: t('tests.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => new Date(at).toLocaleString() },
            {
              title: t('tests.lastRun'),
              key: 'status',
              render: (_: unknown, c) => {
                const result = statusOf(c.id);
                if (!result) return <Typography.Text type="secondary">{t('testForm.notRun')}</Typography.Text>;
                if (result.passed) return <Tag color="green" data-testid={`tests-status-${c.id}`}>{t('tests.passed')}</Tag>;
                return (
                  <div data-testid={`tests-status-${c.id}`}>
                    <Tag color="red">{t('tests.failed')}</Tag>
                    <ul style={{ margin: '4px 0', paddingLeft: 16, color: '#cf1322' }} data-testid={`tests-failure-${c.id}`}>
                      {result.failures.slice(0, MAX_INLINE_FAILURES).map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                      {result.failures.length > MAX_INLINE_FAILURES && <li>…</li>}
                    </ul>
                    {canEdit && (
                      <Button size="small" loading={accepting === c.id} onClick={() => void accept(c, result)} data-testid={`tests-accept-${c.id}`}>
                        {t('testForm.accept')}
                      </Button>
                    )}
                  </div>
                );
              },
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, c) =>
                canEdit && (
                  <Space>
                    <Button size="small" onClick={() => setEditing({ target: c, mode: 'form' })} data-testid="tests-edit">
                      {t('common.edit')}
                    </Button>
                    <Popconfirm title={t('tests.deleteConfirm', { name: c.name })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => remove(c.id)}>
                      <Button size="small" danger>
                        {t('tests.delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      {report && <TestRunResults key={report.run} report={report.report} />}
      {editing && (editing.mode === 'form' ? (
        <TestCaseForm
          initial={editing.target === 'new' ? EXAMPLE_CASE : editing.target.testCase}
          title={t(editing.target === 'new' ? 'tests.addTitle' : 'tests.editTitle')}
          intents={intents.data ?? []}
          onClose={() => setEditing(undefined)}
          onJson={() => setEditing({ ...editing, mode: 'json' })}
          onSave={save}
        />
      ) : (
        <EditTestCase
          initial={editing.target === 'new' ? EXAMPLE : JSON.stringify(editing.target.testCase, null, 2)}
          title={t(editing.target === 'new' ? 'tests.addTitle' : 'tests.editTitle')}
          onClose={() => setEditing(undefined)}
          onSave={save}
        />
      ))}
    </>
  );
}

const EXAMPLE = JSON.stringify(EXAMPLE_CASE, null, 2);

/** A test case as JSON (the `flows/<bot>/tests/*.json` format), checked with the shared schema before it is sent. */
function EditTestCase({ initial, title, onClose, onSave }: { initial: string; title: string; onClose(): void; onSave(input: TestCase): Promise<void> }) {
  const { t } = useTranslation();
  const showError = useApiError();
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);

  async function save() {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      setProblem(t('tests.jsonInvalid', { message: error instanceof Error ? error.message : String(error) }));
      return;
    }
    const parsed = testCaseSchema.safeParse(json);
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；'));
      return;
    }
    setProblem(undefined);
    setSaving(true);
    try {
      await onSave(parsed.data);
    } catch (error) {
      setProblem(showError(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void save()} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'tests-json-save' } as ButtonProps}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('tests.addHelp')}</Typography.Text>
        <Input.TextArea aria-label={t('tests.json')} data-testid="tests-json" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 8, maxRows: 20 }} style={{ fontFamily: 'monospace' }} />
        {problem && <Alert type="error" showIcon message={problem} data-testid="tests-json-problem" />}
      </Space>
    </Modal>
  );
}
