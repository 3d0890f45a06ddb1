import { Alert, Button, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AsyncState } from '../../hooks/useAsync';
import type { Delivery, Fire } from '@zhishou/flow-schema';

const DELIVERY_COLORS: Record<string, string> = { delivered: 'green', pending: 'blue', dead: 'red' };

export const OUTCOME_COLORS: Record<string, string> = { fired: 'green', skipped: 'gold', cancelled: 'orange', failed: 'red', dead: 'red', scheduled: 'blue', pending: 'purple' };

/** What the worker did with each trigger: fired, skipped (condition false), cancelled, failed with the error. */
export function FireHistory({ fires, deliveries, names }: { fires: AsyncState<Fire[]>; deliveries: Delivery[]; names: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      {fires.error !== undefined && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('rules.firesUnavailable')} />}
      <Button size="small" style={{ marginBottom: 8 }} onClick={fires.reload}>
        {t('common.reload')}
      </Button>
      <Table<Fire>
        size="small"
        data-testid="fire-history"
        rowKey="id"
        loading={fires.loading && !fires.data}
        dataSource={[...(fires.data ?? [])].sort((a, b) => b.at.localeCompare(a.at))}
        locale={{ emptyText: t('rules.noFires') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('rules.firedAt'), dataIndex: 'at', render: (at: string) => new Date(at).toLocaleString() },
          { title: t('rules.rule'), dataIndex: 'ruleId', render: (id: string) => names.get(id) || id },
          { title: t('rules.outcome'), dataIndex: 'outcome', render: (o: string) => <Tag color={OUTCOME_COLORS[o]}>{t(`rules.outcomes.${o}`, { defaultValue: o })}</Tag> },
          { title: t('rules.event'), dataIndex: 'eventId' },
          {
            title: t('rules.actions'),
            key: 'actions',
            render: (_: unknown, f) => (
              <>
                {(f.actions ?? []).map((a, i) => (
                  <div key={i}>
                    {a.type === 'send_message' ? `→ ${t(`rules.recipients.${a.to}`)}：${a.text}` : a.type === 'start_flow' ? `→ ${t('rules.actionTypes.start_flow')} ${a.flow}` : `→ ${a.url}`}
                  </div>
                ))}
                {deliveries
                  .filter((d) => d.jobId === f.jobId)
                  .map((d) => (
                    <Tag key={d.id} color={DELIVERY_COLORS[d.status]} title={d.lastError ?? undefined}>
                      {t(`rules.deliveries.${d.status}`, { defaultValue: d.status, attempts: d.attempts })}
                      {d.lastError ? `：${d.lastError}` : ''}
                    </Tag>
                  ))}
              </>
            ),
          },
          { title: t('rules.version'), key: 'version', render: (_: unknown, f) => { const v = f.firedVersion ?? f.scheduledVersion; return v === null ? '—' : `v${v}`; } },
          {
            title: t('rules.errorOrReason'),
            key: 'err',
            render: (_: unknown, f) => (f.error ? <Typography.Text type="danger">{f.error}</Typography.Text> : f.reason ? t(`rules.sim.reasons.${f.reason}`, { defaultValue: f.reason }) : null),
          },
        ]}
      />
    </>
  );
}
