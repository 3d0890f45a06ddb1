import { useTranslation } from 'react-i18next';
import type { NodeCardProps } from '../types';
import { CardTag, CardText } from '../common/CardText';

export function EndCard({ node }: NodeCardProps<'end'>) {
  const { t } = useTranslation();
  return (
    <>
      <CardTag>{t(`nodes.end.outcomes.${node.config.outcome}`)}</CardTag>
      {node.config.message[0] && <CardText>{node.config.message[0]}</CardText>}
    </>
  );
}
