import type { Condition } from '@zhishou/flow-schema';
import { groupChildren, groupKind, isGroup, isLeaf } from './model';

/** A one-line text of a condition for cards and edge labels (`slots.price > 100 且 …`). */
export interface SummaryWords {
  and: string;
  or: string;
  not: string;
  /** Operator names in the user's language (default: the operator key). */
  operator?: (operator: string) => string;
}

export function summarizeCondition(condition: Condition, words: SummaryWords, depth = 0): string {
  if (isLeaf(condition)) {
    const subject = `${condition.fact}${condition.path ? condition.path.replace(/^\$/, '') : ''}`;
    const value = condition.operator === 'exists' || condition.operator === 'notExists' ? '' : ` ${JSON.stringify(condition.value)}`;
    return `${subject} ${words.operator ? words.operator(condition.operator) : condition.operator}${value}`;
  }
  if (isGroup(condition)) {
    const parts = groupChildren(condition).map((child) => summarizeCondition(child, words, depth + 1));
    const joined = parts.join(` ${groupKind(condition) === 'all' ? words.and : words.or} `);
    return depth > 0 && parts.length > 1 ? `(${joined})` : joined;
  }
  return `${words.not} ${summarizeCondition(condition.not, words, depth + 1)}`;
}
