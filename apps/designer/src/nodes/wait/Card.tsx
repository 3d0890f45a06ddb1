import { useTranslation } from 'react-i18next';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

export function WaitCard({ node }: NodeCardProps<'wait'>) {
  const { t } = useTranslation();
  return <CardText>{t('nodes.wait.summary', { delay: String(node.config.delay) })}</CardText>;
}
