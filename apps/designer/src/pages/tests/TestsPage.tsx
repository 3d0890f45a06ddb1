import { Alert, App, Button, Card, Input, Modal, Popconfirm, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { testCaseSchema, type TestCase } from '@zhishou/flow-schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useCan } from '../../auth/session';
import { useApiError } from '../../hooks/useApiError';
import { useAsync } from '../../hooks/useAsync';
import { FlowPickerPage } from '../../components/FlowPickerPage';
import { TestRunResults } from './TestRunResults';
import type { StoredTestCase, TestRunReport } from '@zhishou/flow-schema';
import { testsApi } from '../../api/tests';

const tests = testsApi(api);

/** A flow's test cases: list them, add one as JSON, delete, and run them all against the draft. */
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
  // The case being edited as JSON: 'new' for a new one.
  const [editing, setEditing] = useState<StoredTestCase | 'new'>();

  async function run() {
    setRunning(true);
    try {
      const next = await tests.run(bot, flow, 'draft');
      // A new run remounts the results, so its failed cases open afresh.
      setReport((prev) => ({ run: (prev?.run ?? 0) + 1, report: next }));
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

  const statusOf = (id: string) => report?.report.results.find((r) => r.id === id);
  return (
    <>
      <Card
        title={t('tests.listTitle', { count: list.data?.length ?? 0 })}
        extra={
          <Space>
            {canEdit && (
              <Button onClick={() => setEditing('new')} data-testid="tests-add">
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
                if (!result) return '–';
                return <Tag color={result.passed ? 'green' : 'red'}>{t(result.passed ? 'tests.passed' : 'tests.failed')}</Tag>;
              },
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, c) =>
                canEdit && (
                  <Space>
                    <Button size="small" onClick={() => setEditing(c)} data-testid="tests-edit">
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
      {editing && (
        <EditTestCase
          initial={editing === 'new' ? EXAMPLE : JSON.stringify(editing.testCase, null, 2)}
          title={t(editing === 'new' ? 'tests.addTitle' : 'tests.editTitle')}
          onClose={() => setEditing(undefined)}
          onSave={async (input: TestCase) => {
            if (editing === 'new') await tests.create(bot, flow, input);
            else await tests.update(bot, flow, editing.id, input);
            void message.success(t('tests.saved'));
            setEditing(undefined);
            list.reload();
          }}
        />
      )}
    </>
  );
}

const EXAMPLE = JSON.stringify({ name: '问候', turns: [{ user: '你好', expect: { replies: ['您好'] } }] }, null, 2);

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
