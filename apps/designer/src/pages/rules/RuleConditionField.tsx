import type { TopLevelCondition } from '@zhishou/flow-schema';
import { RULE_FACTS } from '@zhishou/rules';
import { Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConditionBuilder } from '../../components/condition-builder';

/** Path suggestions for rule facts: the event's subject and data, and common later-event checks. */
const RULE_PATHS = ['$.type', '$.subject.orderId', '$.subject.buyerId', '$.subject.sellerId', '$.subject.itemId', '$.data.price', '$.data.amount'];

interface Props {
  value: TopLevelCondition | undefined;
  readOnly: boolean;
  onChange(value: TopLevelCondition | undefined): void;
}

/** The rule's `if` (absent = always fire), built with the shared visual condition builder over the rule facts. */
export function RuleConditionField({ value, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Switch
        checked={value !== undefined}
        disabled={readOnly}
        checkedChildren={t('rules.conditionOn')}
        unCheckedChildren={t('rules.conditionOff')}
        onChange={(on) => onChange(on ? { all: [] } : undefined)}
        data-testid="rule-condition-toggle"
        style={{ marginBottom: 8 }}
      />
      {value !== undefined && (
        <ConditionBuilder value={value} onChange={onChange} disabled={readOnly} facts={RULE_FACTS} paths={RULE_PATHS} testId="rule-condition" />
      )}
    </>
  );
}
