import { Alert, App, Button, Card, Checkbox, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ValidationIssueWire as ValidationIssue, VersionSummary, TestRunReport } from '@zhishou/flow-schema';
import { api, apiRoutes } from '../../api';
import { useCan } from '../../auth/session';
import { useApiError } from '../../hooks/useApiError';
import { useAsync } from '../../hooks/useAsync';
import { navigate } from '../../router/router';
import { FlowPickerPage } from '../../components/FlowPickerPage';
import { publishBlockReason } from './publishGate';
import { TestsFailedAlert } from '../../features/test-runs/TestsFailedAlert';
import { testsFailedReport } from '../../api/tests';
import { versionsApi } from '../../api/versions';
import { recordTestRun } from '../../features/test-runs/lastRun';
import { CanaryCard } from './CanaryCard';
import { problemText } from '../../editor/problemText';

const versions = versionsApi(api);

/** Validation issues come with a code and params (flow-schema); the words are the designer's own. */
export function describeIssue(issue: ValidationIssue, t: TFunction): string {
  return problemText(t, issue.code, issue.params ?? {}, issue.message || issue.code);
}

export interface VersionsPageProps {
  bot: string;
  query: Record<string, string>;
}

/** Publish a flow's draft with a note, list its versions, open one read-only, set the live one. */
export function VersionsPage({ bot, query }: VersionsPageProps) {
  const { t } = useTranslation();
  return (
    <FlowPickerPage bot={bot} query={query} tab="versions" title={t('versions.title')} pickerLabel={t('versions.flow')} testId="versions-flow-select">
      {(flowKey) => <FlowVersions key={flowKey} bot={bot} flow={flowKey} />}
    </FlowPickerPage>
  );
}

function FlowVersions({ bot, flow }: { bot: string; flow: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const canPublish = useCan('flow.publish');
  const canRollback = useCan('flow.rollback');
  const draft = useAsync(() => apiRoutes.getFlow(bot, flow), [bot, flow]);
  const list = useAsync(() => versions.list(bot, flow), [bot, flow]);
  const check = useAsync(async () => (draft.data ? versions.validate(bot, flow, draft.data.document) : undefined), [bot, flow, draft.data]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [goLive, setGoLive] = useState(true);
  const [refusedByTests, setRefusedByTests] = useState<TestRunReport | null>(null);

  const errors = useMemo(() => (check.data?.issues ?? []).filter((i) => i.severity === 'error'), [check.data]);
  const blockReason = publishBlockReason({ canPublish, loading: draft.loading || check.loading, errorCount: errors.length, note });
  const liveVersion = draft.data?.liveVersion ?? null;
  const rows = [...(list.data ?? [])].sort((a, b) => b.number - a.number);

  async function publish() {
    setBusy(true);
    setRefusedByTests(null);
    try {
      const published = await versions.publish(bot, flow, note.trim(), draft.data?.revision);
      if (goLive) await versions.setLive(bot, flow, published.number, 'release');
      void message.success(t(goLive ? 'versions.publishedLive' : 'versions.published', { number: published.number }));
      setNote('');
      list.reload();
      draft.reload();
    } catch (error) {
      // A publish refused by the test-case gate shows which cases failed and how, not just a code.
      const failedTests = testsFailedReport(error);
      if (failedTests) {
        setRefusedByTests(failedTests);
        // The tests page shows these failures inline until the next run.
        recordTestRun(bot, failedTests);
      }
      else showError(error);
      check.reload();
    } finally {
      setBusy(false);
    }
  }

  async function setLive(version: number) {
    try {
      await versions.setLive(bot, flow, version, liveVersion !== null && version < liveVersion ? 'rollback' : 'release');
      void message.success(t('versions.liveSet', { number: version }));
      draft.reload();
    } catch (error) {
      showError(error);
    }
  }

  return (
    <>
      <Card title={t('versions.publishTitle')} data-testid="publish-card">
        <Space direction="vertical" style={{ width: '100%' }}>
          {errors.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="publish-blocked"
              message={t('versions.blockedByErrors', { count: errors.length })}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {errors.slice(0, 8).map((issue, i) => (
                    <li key={`${issue.code}-${i}`}>{describeIssue(issue, t)}</li>
                  ))}
                </ul>
              }
            />
          )}
          {check.error !== undefined && <Alert type="warning" showIcon message={t('versions.validateFailed')} />}
          {refusedByTests && <TestsFailedAlert bot={bot} flow={flow} report={refusedByTests} />}
          <Input.TextArea
            aria-label={t('versions.note')}
            placeholder={t('versions.notePlaceholder')}
            value={note}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 4 }}
            onChange={(e) => setNote(e.target.value)}
            disabled={!canPublish}
          />
          <Checkbox checked={goLive} disabled={!canPublish} onChange={(e) => setGoLive(e.target.checked)} data-testid="publish-go-live">
            {t('versions.goLive')}
          </Checkbox>
          <Tooltip title={blockReason ? t(`versions.block.${blockReason}`) : undefined}>
            <Button type="primary" loading={busy} disabled={blockReason !== null} onClick={() => void publish()}>
              {t('versions.publish')}
            </Button>
          </Tooltip>
          {blockReason && blockReason !== 'loading' && (
            <Typography.Text type="secondary" data-testid="publish-block-reason">
              {t(`versions.block.${blockReason}`)}
            </Typography.Text>
          )}
        </Space>
      </Card>
      {draft.data && list.data && (
        <CanaryCard
          key={`${liveVersion ?? 0}-${draft.data.canary?.version ?? 0}-${draft.data.canary?.percent ?? 0}`}
          bot={bot}
          flow={flow}
          liveVersion={liveVersion}
          canary={draft.data.canary ?? null}
          versions={list.data}
          canRelease={canRollback}
          onChanged={() => draft.reload()}
        />
      )}
      <Card title={t('versions.listTitle')}>
        <Table<VersionSummary>
          rowKey="number"
          data-testid="versions-table"
          loading={list.loading}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('versions.none') }}
          columns={[
            {
              title: t('versions.number'),
              dataIndex: 'number',
              render: (n: number) => (
                <Space>
                  <span>v{n}</span>
                  {n === liveVersion && <Tag color="green">{t('versions.live')}</Tag>}
                  {n === draft.data?.canary?.version && <Tag color="orange" data-testid={`canary-tag-${n}`}>{t('canary.tag', { percent: draft.data.canary.percent })}</Tag>}
                </Space>
              ),
            },
            { title: t('versions.author'), dataIndex: 'author' },
            { title: t('versions.time'), dataIndex: 'createdAt', render: (at: string) => new Date(at).toLocaleString() },
            { title: t('versions.note'), dataIndex: 'note' },
            { title: t('versions.hash'), dataIndex: 'contentHash', render: (h: string) => <Typography.Text code>{h.slice(0, 12)}</Typography.Text> },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, v: VersionSummary) => (
                <Space>
                  <Button size="small" onClick={() => navigate({ name: 'flow', bot, flow, version: v.number })}>
                    {t('versions.open')}
                  </Button>
                  {canRollback && v.number !== liveVersion && (
                    <Popconfirm
                      title={t(liveVersion !== null && v.number < liveVersion ? 'versions.rollbackConfirm' : 'versions.setLiveConfirm', { number: v.number })}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => setLive(v.number)}
                    >
                      <Button size="small" danger={liveVersion !== null && v.number < liveVersion}>
                        {t(liveVersion !== null && v.number < liveVersion ? 'versions.rollback' : 'versions.setLive')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
