import { useTranslation } from 'react-i18next';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

export function ImageCard({ node }: NodeCardProps<'image'>) {
  const { t } = useTranslation();
  return <CardText muted>{t('nodes.image.summary', { saveAs: node.config.saveAs })}</CardText>;
}
