import { useTranslation } from 'react-i18next';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

export function SubflowCard({ node }: NodeCardProps<'subflow'>) {
  const { t } = useTranslation();
  return <CardText>{t('nodes.subflow.summary', { flow: node.config.flow })}</CardText>;
}
