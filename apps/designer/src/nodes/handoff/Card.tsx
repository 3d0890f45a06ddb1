import { useTranslation } from 'react-i18next';
import type { NodeCardProps } from '../types';
import { CardTag, CardText } from '../common/CardText';

const PRIORITY_COLOURS = { low: '#595959', normal: '#0958d9', high: '#d46b08', urgent: '#cf1322' } as const;

export function HandoffCard({ node }: NodeCardProps<'handoff'>) {
  const { t } = useTranslation();
  return (
    <>
      <CardTag color={PRIORITY_COLOURS[node.config.priority]}>{t(`nodes.handoff.priorities.${node.config.priority}`)}</CardTag>
      <CardTag>{node.config.queue}</CardTag>
      {node.config.message[0] && <CardText>{node.config.message[0]}</CardText>}
    </>
  );
}
