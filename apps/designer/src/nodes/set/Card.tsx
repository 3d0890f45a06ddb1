import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

export function SetCard({ node }: NodeCardProps<'set'>) {
  const text = node.config.assignments
    .map((a) => (a.op === 'clear' ? `${a.scope}.${a.key} ∅` : `${a.scope}.${a.key} ${a.op === 'increment' ? '+=' : '='} ${JSON.stringify(a.value)}`))
    .join('; ');
  return <CardText>{text}</CardText>;
}
