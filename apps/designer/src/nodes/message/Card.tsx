import { Tag } from 'antd';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

export function MessageCard({ node }: NodeCardProps<'message'>) {
  const { variants, quickReplies } = node.config;
  return (
    <>
      <CardText>{variants[0]}</CardText>
      {variants.length > 1 && <Tag style={{ fontSize: 10 }}>+{variants.length - 1}</Tag>}
      {quickReplies.slice(0, 3).map((reply) => <Tag key={reply} color="blue" style={{ fontSize: 10 }}>{reply}</Tag>)}
    </>
  );
}
