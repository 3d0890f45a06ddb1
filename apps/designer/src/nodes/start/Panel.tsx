import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NodePanelProps } from '../types';

export function StartPanel(_props: NodePanelProps<'start'>) {
  const { t } = useTranslation();
  return <Typography.Paragraph type="secondary">{t('nodes.start.help')}</Typography.Paragraph>;
}
