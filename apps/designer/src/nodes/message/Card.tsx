import { Tag } from 'antd';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

export function MessageCard({ node }: NodeCardProps<'message'>) {
  const { variants } = node.config;
  return (
    <>
      <CardText>{variants[0]}</CardText>
      {variants.length > 1 && <Tag style={{ fontSize: 10, lineHeight: '16px', marginInlineEnd: 0 }}>+{variants.length - 1}</Tag>}
    </>
  );
}
