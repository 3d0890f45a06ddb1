import { Tag } from 'antd';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

export function HttpCard({ node }: NodeCardProps<'http'>) {
  return (
    <>
      <Tag color="geekblue" style={{ fontSize: 10, lineHeight: '16px', marginInlineEnd: 0 }}>{node.config.method}</Tag>
      <CardText>{node.config.url}</CardText>
    </>
  );
}
