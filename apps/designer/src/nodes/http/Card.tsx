import { Tag } from 'antd';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

export function HttpCard({ node }: NodeCardProps<'http'>) {
  return (
    <>
      <Tag color="geekblue" style={{ fontSize: 10 }}>{node.config.method}</Tag>
      <CardText>{node.config.url}</CardText>
    </>
  );
}
