import type { ModelVersion } from '@zhishou/flow-schema';
import { Alert, App, Button, Card, Drawer, Input, InputNumber, Modal, Popconfirm, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useCan } from '../../auth/session';
import { useApiError } from '../../hooks/useApiError';
import { useAsync } from '../../hooks/useAsync';
import { ModelReportView } from './ModelReportView';
import { modelsApi } from '../../api/models';
import { isBusy } from './modelStats';

const models = modelsApi(api);
const POLL_MS = 2_000;
const pct = (v: number | undefined) => (v === undefined ? '—' : `${v.toFixed(1)}%`);

/** Train the bot's NLU models, read each version's evaluation, activate or roll back. */
export function ModelsPage({ bot }: { bot: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const canTrain = useCan('model.train');
  const canActivate = useCan('model.activate');
  const list = useAsync(() => models.list(bot), [bot]);
  const [open, setOpen] = useState<ModelVersion>();
  const [note, setNote] = useState('');
  const [training, setTraining] = useState(false);
  const [canaryOf, setCanaryOf] = useState<ModelVersion>();
  const [canaryPercent, setCanaryPercent] = useState(10);
  const rows = [...(list.data?.versions ?? [])].sort((a, b) => b.number - a.number);
  const active = list.data?.active ?? null;
  const busy = rows.some(isBusy);

  // Poll while a training job runs so its progress moves without a reload.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => list.reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [busy, list]);

  async function train() {
    setTraining(true);
    try {
      const queued = await models.train(bot, note.trim());
      void message.success(t('models.trainStarted', { version: queued.number }));
      setNote('');
      list.reload();
    } catch (error) {
      showError(error);
    } finally {
      setTraining(false);
    }
  }

  async function activate(version: number) {
    try {
      await models.activate(bot, version);
      void message.success(t('models.activated', { version: `v${version}` }));
      list.reload();
    } catch (error) {
      showError(error);
    }
  }

  async function releaseCanary() {
    if (!canaryOf) return;
    try {
      await models.canary(bot, canaryOf.number, canaryPercent);
      void message.success(t('models.canaryStarted', { version: `v${canaryOf.number}`, percent: canaryPercent }));
      setCanaryOf(undefined);
      list.reload();
    } catch (error) {
      showError(error);
    }
  }

  const canary = list.data?.release.canary ?? null;
  const older = (v: ModelVersion) => active !== null && v.number < active;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('models.title')}
        </Typography.Title>
        {canTrain && (
          <Space.Compact>
            <Input aria-label={t('models.note')} placeholder={t('models.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 260 }} />
            <Button type="primary" data-testid="model-train" loading={training} disabled={busy} onClick={() => void train()}>
              {busy ? t('models.trainingNow') : t('models.train')}
            </Button>
          </Space.Compact>
        )}
      </Space>
      <Typography.Text type="secondary">
        {active === null ? t('models.baselineActive') : t('models.activeIs', { version: `v${active}` })}
        {canary && <span data-testid="model-canary-status">{` · ${t('models.canaryIs', { version: `v${canary.artefact}`, percent: canary.percent })}`}</span>}
      </Typography.Text>
      {list.error !== undefined && <Alert type="error" showIcon message={t('models.loadFailed')} />}
      <Card>
        <Table<ModelVersion>
          rowKey="number"
          data-testid="models-table"
          loading={list.loading && !list.data}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('models.none') }}
          columns={[
            {
              title: t('models.version'),
              dataIndex: 'number',
              render: (n: number, v) => (
                <Space>
                  <Typography.Text strong>v{n}</Typography.Text>
                  {v.active && <Tag color="green">{t('models.active')}</Tag>}
                  {v.canaryPercent !== null && <Tag color="purple">{t('models.canaryTag', { percent: v.canaryPercent })}</Tag>}
                  <Tag>{t(`models.origins.${v.origin}`)}</Tag>
                </Space>
              ),
            },
            {
              title: t('models.status'),
              key: 'status',
              render: (_: unknown, v) =>
                isBusy(v) ? (
                  <Tooltip title={v.progress.stage ? t(`models.stages.${v.progress.stage}`, { defaultValue: v.progress.stage }) : undefined}>
                    <Progress percent={Math.round(v.progress.percent ?? 0)} size="small" status="active" style={{ width: 150 }} data-testid="model-progress" />
                  </Tooltip>
                ) : v.status === 'failed' ? (
                  <Tooltip title={v.error}>
                    <Tag color="red">{t('models.statuses.failed')}</Tag>
                  </Tooltip>
                ) : (
                  <Tag color="blue">{t('models.statuses.ready')}</Tag>
                ),
            },
            { title: t('models.intentAccuracy'), key: 'acc', render: (_: unknown, v) => pct(v.metrics?.intent.accuracy) },
            { title: t('models.macroF1'), key: 'f1', render: (_: unknown, v) => pct(v.metrics?.intent.macro_f1) },
            { title: t('models.slotF1'), key: 'slot', render: (_: unknown, v) => pct(v.metrics?.slots.f1) },
            { title: t('models.emotionAccuracy'), key: 'emo', render: (_: unknown, v) => pct(v.metrics?.emotion.accuracy) },
            { title: t('models.dataHash'), dataIndex: 'dataHash', render: (h: string | null) => (h ? <Typography.Text code>{h.slice(0, 10)}</Typography.Text> : '—') },
            { title: t('models.createdBy'), dataIndex: 'createdBy' },
            { title: t('models.createdAt'), dataIndex: 'createdAt', render: (at: string) => new Date(at).toLocaleString() },
            { title: t('models.note'), dataIndex: 'note', width: 180, ellipsis: { showTitle: true } },
            {
              title: t('common.actions'),
              key: 'actions',
              // Pinned: at 1440 px the metric columns are wider than the page, the actions stay in view.
              fixed: 'right',
              render: (_: unknown, v) => (
                <Space>
                  <Button size="small" disabled={!v.metrics} onClick={() => setOpen(v)} data-testid={`model-report-${v.number}`}>
                    {t('models.report')}
                  </Button>
                  {canActivate && v.status === 'ready' && !v.active && (
                    <Popconfirm
                      title={t(older(v) ? 'models.rollbackConfirm' : 'models.activateConfirm', { version: `v${v.number}` })}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => activate(v.number)}
                    >
                      <Button size="small" danger={older(v)} data-testid={`model-activate-${v.number}`}>
                        {t(older(v) ? 'models.rollback' : 'models.activate')}
                      </Button>
                    </Popconfirm>
                  )}
                  {canActivate && v.status === 'ready' && !v.active && active !== null && (
                    <Button size="small" onClick={() => setCanaryOf(v)} data-testid={`model-canary-${v.number}`}>
                      {t('models.canary')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={canaryOf !== undefined}
        title={t('models.canaryTitle', { version: canaryOf ? `v${canaryOf.number}` : '' })}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onOk={() => releaseCanary()}
        onCancel={() => setCanaryOf(undefined)}
        destroyOnHidden
      >
        <Space direction="vertical">
          <Typography.Text type="secondary">{t('models.canaryHelp')}</Typography.Text>
          <Space>
            <Typography.Text>{t('models.canaryPercent')}</Typography.Text>
            <InputNumber min={1} max={99} value={canaryPercent} onChange={(v) => setCanaryPercent(v ?? 10)} data-testid="model-canary-percent" />
          </Space>
        </Space>
      </Modal>
      <Drawer open={open !== undefined} width={960} title={t('models.reportTitle', { version: open ? `v${open.number}` : '' })} onClose={() => setOpen(undefined)} destroyOnHidden>
        {open?.metrics && <ModelReportView metrics={open.metrics} />}
      </Drawer>
    </Space>
  );
}
