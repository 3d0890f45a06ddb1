import { useTranslation } from 'react-i18next';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

export function StartCard(_props: NodeCardProps<'start'>) {
  const { t } = useTranslation();
  return <CardText muted>{t('nodes.start.summary')}</CardText>;
}
