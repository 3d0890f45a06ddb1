import type { NodeCardProps } from '../types';
import { CardTag, CardText } from '../common/CardText';

export function HttpCard({ node }: NodeCardProps<'http'>) {
  return (
    <>
      <CardTag color="#1d39c4" background="#f0f5ff">{node.config.method}</CardTag>
      <CardText>{node.config.url}</CardText>
    </>
  );
}
