import type { NodeCardProps } from '../types';
import { CardTag, CardText } from '../common/CardText';

export function MessageCard({ node }: NodeCardProps<'message'>) {
  const { variants } = node.config;
  return (
    <>
      <CardText>{variants[0]}</CardText>
      {variants.length > 1 && <CardTag>+{variants.length - 1}</CardTag>}
    </>
  );
}
