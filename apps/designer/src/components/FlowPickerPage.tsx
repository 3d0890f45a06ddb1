import { Empty, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRoutes } from '../api';
import type { FlowDraft } from '@zhishou/flow-schema';
import { useAsync } from '../hooks/useAsync';
import type { BotTab } from '../router/routes';
import { navigate } from '../router/router';

/** A flow's name, or its key when the name is empty. */
export function flowDisplayName(flow: FlowDraft): string {
  return flow.document.name || flow.key;
}

/**
 * Frame of the bot pages that work on one flow at a time (versions, test cases): a title, a flow
 * picker kept in the URL (`?flow=`), and the page body for the chosen flow.
 */
export function FlowPickerPage({
  bot,
  query,
  tab,
  title,
  pickerLabel,
  testId,
  intro,
  children,
}: {
  bot: string;
  query: Record<string, string>;
  tab: BotTab;
  title: string;
  pickerLabel: string;
  testId: string;
  intro?: ReactNode;
  children: (flowKey: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const flows = useAsync(() => apiRoutes.listFlows(bot), [bot]);
  const flowKey = query.flow ?? flows.data?.[0]?.key;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Select
          aria-label={pickerLabel}
          data-testid={testId}
          style={{ minWidth: 220 }}
          loading={flows.loading}
          value={flowKey}
          options={(flows.data ?? []).map((f) => ({ value: f.key, label: `${flowDisplayName(f)} (${f.key})` }))}
          onChange={(flow: string) => navigate({ name: 'bot', bot, tab, query: { flow } })}
        />
      </Space>
      {intro}
      {flowKey ? children(flowKey) : !flows.loading && <Empty description={t('flows.none')} />}
    </Space>
  );
}
