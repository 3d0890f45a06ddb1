import { Alert, App, Button, Card, Drawer, Popconfirm, Progress, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useCan } from '../../auth/session';
import { useApiError } from '../../hooks/useApiError';
import { useAsync } from '../../hooks/useAsync';
import { ModelReportView } from './ModelReportView';
import { modelsApi, type ModelSummary } from './modelsApi';

const models = modelsApi(api);
const POLL_MS = 2_000;
const pct = (v: number | undefined) => (v === undefined ? '—' : `${(v <= 1 ? v * 100 : v).toFixed(1)}%`);

function metric(m: ModelSummary, ...keys: string[]): number | undefined {
  for (const key of keys) if (m.metrics[key] !== undefined) return m.metrics[key];
  return undefined;
}

/** Train the bot's NLU models, read each version's evaluation, activate or roll back. */
export function ModelsPage({ bot }: { bot: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const canTrain = useCan('model.train');
  const canActivate = useCan('model.activate');
  const list = useAsync(() => models.list(bot), [bot]);
  const [open, setOpen] = useState<string>();
  const [training, setTraining] = useState(false);
  const rows = list.data ?? [];
  const active = rows.find((m) => m.active);
  const busy = rows.some((m) => m.status === 'queued' || m.status === 'training');

  // Poll while a training job runs so progress moves without a reload.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => list.reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [busy, list]);

  async function train() {
    setTraining(true);
    try {
      await models.train(bot);
      void message.success(t('models.trainStarted'));
      list.reload();
    } catch (error) {
      showError(error);
    } finally {
      setTraining(false);
    }
  }

  async function activate(version: string) {
    try {
      await models.activate(bot, version);
      void message.success(t('models.activated', { version }));
      list.reload();
    } catch (error) {
      showError(error);
    }
  }

  const isOlder = (m: ModelSummary) => !!active && !!m.createdAt && !!active.createdAt && m.createdAt < active.createdAt;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('models.title')}
        </Typography.Title>
        {canTrain && (
          <Button type="primary" loading={training} disabled={busy} onClick={() => void train()}>
            {busy ? t('models.trainingNow') : t('models.train')}
          </Button>
        )}
      </Space>
      {list.error !== undefined && <Alert type="error" showIcon message={t('models.loadFailed')} />}
      <Card>
        <Table<ModelSummary>
          rowKey="version"
          loading={list.loading && !list.data}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('models.none') }}
          columns={[
            {
              title: t('models.version'),
              dataIndex: 'version',
              render: (v: string, m) => (
                <Space>
                  <Typography.Text code>{v}</Typography.Text>
                  {m.active && <Tag color="green">{t('models.active')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('models.status'),
              key: 'status',
              render: (_: unknown, m) =>
                m.status === 'training' || m.status === 'queued' ? (
                  <Progress percent={Math.round((m.progress ?? 0) * 100)} size="small" status="active" style={{ width: 140 }} />
                ) : m.status === 'failed' ? (
                  <Tag color="red" title={m.error ?? undefined}>{t('models.statuses.failed')}</Tag>
                ) : (
                  <Tag>{t('models.statuses.ready')}</Tag>
                ),
            },
            { title: t('models.intentAccuracy'), key: 'acc', render: (_: unknown, m) => pct(metric(m, 'intent_accuracy', 'intentAccuracy', 'intent_acc', 'accuracy')) },
            { title: t('models.macroF1'), key: 'f1', render: (_: unknown, m) => pct(metric(m, 'intent_macro_f1', 'intentMacroF1', 'intent_macroF1', 'macro_f1')) },
            { title: t('models.slotF1'), key: 'slot', render: (_: unknown, m) => pct(metric(m, 'slot_f1', 'slotF1', 'slots_f1')) },
            { title: t('models.emotionAccuracy'), key: 'emo', render: (_: unknown, m) => pct(metric(m, 'emotion_accuracy', 'emotionAccuracy', 'emotion_acc')) },
            { title: t('models.createdBy'), dataIndex: 'createdBy' },
            { title: t('models.createdAt'), dataIndex: 'createdAt', render: (at: string | null) => (at ? new Date(at).toLocaleString() : '—') },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, m) => (
                <Space>
                  <Button size="small" disabled={m.status !== 'ready'} onClick={() => setOpen(m.version)}>
                    {t('models.report')}
                  </Button>
                  {canActivate && m.status === 'ready' && !m.active && (
                    <Popconfirm
                      title={t(isOlder(m) ? 'models.rollbackConfirm' : 'models.activateConfirm', { version: m.version })}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => activate(m.version)}
                    >
                      <Button size="small" danger={isOlder(m)}>
                        {t(isOlder(m) ? 'models.rollback' : 'models.activate')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Drawer open={open !== undefined} width={900} title={t('models.reportTitle', { version: open })} onClose={() => setOpen(undefined)} destroyOnHidden>
        {open && <ModelReportView bot={bot} version={open} />}
      </Drawer>
    </Space>
  );
}

