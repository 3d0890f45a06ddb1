import type { NluGateResult, NluStatus } from '@zhishou/flow-schema';
import { Alert, App, Badge, Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session';
import { useApiError } from '../../hooks/useApiError';
import { refusedGate, type nluApi } from '../../api/nlu';

const pct = (v: number) => `${v.toFixed(1)}%`;

/** Draft vs live of the bot's NLU data, and the publish button with the gate's result. */
export function NluReleaseBar({ bot, api, status, revision, dirty, onPublished }: {
  bot: string;
  api: ReturnType<typeof nluApi>;
  status: NluStatus | undefined;
  revision: number | undefined;
  /** Unsaved edits: publishing takes the saved draft, so they must be saved first. */
  dirty: boolean;
  onPublished: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const canPublish = useCan('nlu.publish');
  const [publishing, setPublishing] = useState(false);
  const [gate, setGate] = useState<NluGateResult>();

  async function publish() {
    if (revision === undefined) return;
    setPublishing(true);
    try {
      const result = await api.publish(bot, revision, '');
      setGate(result.gate);
      void message.success(t('nlu.published', { version: result.liveVersion }));
      onPublished();
    } catch (error) {
      const refused = refusedGate(error);
      if (refused) setGate(refused);
      else showError(error);
    } finally {
      setPublishing(false);
    }
  }

  const changes = status?.changes;
  const pending = status !== undefined && (status.liveVersion === null ? status.revision > 0 : !status.identical);
  const count = changes?.count ?? 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {status && status.liveVersion !== null ? (
          <Tag color="green" data-testid="nlu-live">
            {t('nlu.liveVersion', { version: status.liveVersion })}
          </Tag>
        ) : (
          <Tag color="orange" data-testid="nlu-live">
            {t('nlu.notPublished')}
          </Tag>
        )}
        {status && !pending && <Typography.Text type="secondary">{t('nlu.draftSame')}</Typography.Text>}
        {pending && changes && (
          <Tooltip
            title={t('nlu.draftChangesDetail', {
              added: changes.intentsAdded.length,
              removed: changes.intentsRemoved.length,
              changed: changes.intentsChanged.length,
              examplesAdded: changes.examplesAdded,
              examplesRemoved: changes.examplesRemoved,
            })}
          >
            <Badge count={count} size="small" data-testid="nlu-draft-count">
              <Tag color="gold" data-testid="nlu-draft-changes">
                {t('nlu.draftChanges', { count })}
              </Tag>
            </Badge>
          </Tooltip>
        )}
        {canPublish && (
          <Tooltip title={dirty ? t('nlu.publishSaveFirst') : undefined}>
            <Popconfirm title={t('nlu.publishConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => publish()} disabled={dirty || !pending}>
              <Button data-testid="nlu-publish" loading={publishing} disabled={dirty || !pending}>
                {t('nlu.publish')}
              </Button>
            </Popconfirm>
          </Tooltip>
        )}
      </Space>
      {gate && <GateAlert gate={gate} onClose={() => setGate(undefined)} />}
    </Space>
  );
}

function GateAlert({ gate, onClose }: { gate: NluGateResult; onClose: () => void }) {
  const { t } = useTranslation();
  const { heldOut, live, candidate } = gate.details;
  const values = { size: heldOut.size, accuracy: pct(candidate.accuracy), f1: pct(candidate.macroF1), liveAccuracy: live ? pct(live.accuracy) : '', liveF1: live ? pct(live.macroF1) : '' };
  const text = !gate.passed ? t('nlu.gateFailed', values) : live ? t('nlu.gatePassed', values) : t('nlu.gateFirst', values);
  return <Alert type={gate.passed ? 'success' : 'error'} showIcon closable onClose={onClose} message={text} data-testid="nlu-gate-result" />;
}
