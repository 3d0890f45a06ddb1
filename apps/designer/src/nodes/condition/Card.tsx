import { summarizeCondition } from '../../components/condition-builder';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';
import { useConditionWords } from '../common/useConditionWords';

export function ConditionCard({ node }: NodeCardProps<'condition'>) {
  return <CardText>{summarizeCondition(node.config.condition, useConditionWords())}</CardText>;
}
