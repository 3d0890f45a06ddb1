export { ConditionBuilder, type ConditionBuilderProps } from './ConditionBuilder';
export { FLOW_FACTS, emptyCondition, formatValue, parseValueText } from './model';
export { summarizeCondition, type SummaryWords } from './summary';
