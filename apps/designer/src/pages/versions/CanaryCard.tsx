import { Alert, App, Button, Card, InputNumber, Popconfirm, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useApiError } from '../../hooks/useApiError';
import type { VersionSummary } from '@zhishou/flow-schema';
import { setCanary, type CanaryShare } from '../../api/versions';

export interface CanaryCardProps {
  bot: string;
  flow: string;
  liveVersion: number | null;
  canary: CanaryShare | null;
  versions: VersionSummary[];
  canRelease: boolean;
  onChanged(): void;
}

/** Lets a publisher send a share of new conversations to another version before making it live, and stop that. */
export function CanaryCard({ bot, flow, liveVersion, canary, versions, canRelease, onChanged }: CanaryCardProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const candidates = versions.filter((v) => v.number !== liveVersion).sort((a, b) => b.number - a.number);
  const [version, setVersion] = useState<number | undefined>(canary?.version);
  const [percent, setPercent] = useState<number>(canary?.percent ?? 10);
  const [busy, setBusy] = useState(false);
  const chosen = version ?? candidates[0]?.number;

  async function apply(share: CanaryShare | null) {
    if (liveVersion === null) return;
    setBusy(true);
    try {
      await setCanary(api, bot, flow, liveVersion, share);
      void message.success(share ? t('canary.started', { version: share.version, percent: share.percent }) : t('canary.cleared'));
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('canary.title')} data-testid="canary-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {canary ? (
          <Alert
            type="warning"
            showIcon
            data-testid="canary-status"
            title={t('canary.running', { version: canary.version, percent: canary.percent, live: liveVersion ?? '–' })}
          />
        ) : (
          <Typography.Text type="secondary" data-testid="canary-status">
            {liveVersion === null ? t('canary.needsLive') : candidates.length === 0 ? t('canary.needsOther') : t('canary.none')}
          </Typography.Text>
        )}
        {liveVersion !== null && candidates.length > 0 && (
          <Space wrap>
            <span>{t('canary.version')}</span>
            <Select<number>
              style={{ width: 120 }}
              value={chosen}
              onChange={setVersion}
              disabled={!canRelease}
              data-testid="canary-version"
              options={candidates.map((v) => ({ value: v.number, label: `v${v.number}` }))}
            />
            <span>{t('canary.percent')}</span>
            <InputNumber<number>
              min={1}
              max={99}
              precision={0}
              value={percent}
              onChange={(v) => setPercent(v ?? 1)}
              suffix="%"
              disabled={!canRelease}
              data-testid="canary-percent"
            />
            <Button type="primary" loading={busy} disabled={!canRelease || chosen === undefined} onClick={() => chosen !== undefined && void apply({ version: chosen, percent })} data-testid="canary-apply">
              {canary ? t('canary.update') : t('canary.start')}
            </Button>
            {canary && (
              <Popconfirm title={t('canary.clearConfirm', { live: liveVersion })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => apply(null)}>
                <Button danger disabled={!canRelease} loading={busy} data-testid="canary-clear">
                  {t('canary.clear')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}
