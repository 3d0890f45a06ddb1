import { useTranslation } from 'react-i18next';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

export function FaqCard({ node }: NodeCardProps<'faq'>) {
  const { t } = useTranslation();
  return <CardText muted>{t('nodes.faq.summary', { threshold: node.config.threshold })}</CardText>;
}
