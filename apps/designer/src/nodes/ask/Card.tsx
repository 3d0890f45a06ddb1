import type { NodeCardProps } from '../types';
import { CardTag, CardText } from '../common/CardText';

export function AskCard({ node }: NodeCardProps<'ask'>) {
  return (
    <>
      <CardTag color="#531dab" background="#f9f0ff">{`{{slots.${node.config.slot}}}`}</CardTag>
      <CardText>{node.config.prompt[0]}</CardText>
    </>
  );
}
