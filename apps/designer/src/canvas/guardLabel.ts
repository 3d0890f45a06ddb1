import type { FlowEdge, Guard } from '@zhishou/flow-schema';
import { summarizeCondition } from '../components/condition-builder/summary';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Short text of a guard for the edge label (`意图: bargain ≥ 0.6`). */
export function guardLabel(guard: Guard, t: Translate): string {
  switch (guard.type) {
    case 'default':
      return '';
    case 'intent':
      return t('guards.label.intent', { intents: guard.intents.join(', ') }) + (guard.minConfidence !== undefined ? ` ≥ ${guard.minConfidence}` : '');
    case 'emotion':
      return t('guards.label.emotion', { emotions: guard.emotions.map((e) => t(`emotions.${e}`)).join(', ') }) + (guard.minScore !== undefined ? ` ≥ ${guard.minScore}` : '');
    case 'condition':
      return summarizeCondition(guard.condition, { and: t('condition.and'), or: t('condition.or'), not: t('condition.not'), operator: (op) => t(`condition.operators.${op}`, { defaultValue: op }) });
    case 'slot_filled':
      return t('guards.label.slot_filled', { slot: guard.slot });
  }
}

export function edgeLabel(edge: FlowEdge, t: Translate): string {
  const text = edge.label || guardLabel(edge.guard, t);
  return edge.priority !== 0 && edge.guard.type !== 'default' ? `${text} · P${edge.priority}` : text;
}
