import { Tag } from 'antd';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

export function AskCard({ node }: NodeCardProps<'ask'>) {
  return (
    <>
      <Tag color="purple" style={{ fontSize: 10, lineHeight: '16px', marginInlineEnd: 0 }}>{`{{slots.${node.config.slot}}}`}</Tag>
      <CardText>{node.config.prompt[0]}</CardText>
    </>
  );
}
