import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

const PRIORITY_COLOURS = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' } as const;

export function HandoffCard({ node }: NodeCardProps<'handoff'>) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={PRIORITY_COLOURS[node.config.priority]} style={{ fontSize: 10, lineHeight: '16px', marginInlineEnd: 0 }}>{t(`nodes.handoff.priorities.${node.config.priority}`)}</Tag>
      <Tag style={{ fontSize: 10, lineHeight: '16px', marginInlineEnd: 0 }}>{node.config.queue}</Tag>
      {node.config.message[0] && <CardText>{node.config.message[0]}</CardText>}
    </>
  );
}
