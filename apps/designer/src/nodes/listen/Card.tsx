import { useTranslation } from 'react-i18next';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

export function ListenCard({ node }: NodeCardProps<'listen'>) {
  const { t } = useTranslation();
  return <CardText muted={node.config.prompt.length === 0}>{node.config.prompt[0] ?? t('nodes.listen.summary')}</CardText>;
}
