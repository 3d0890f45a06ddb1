import { useTranslation } from 'react-i18next';
import type { SummaryWords } from '../../components/condition-builder/summary';

export function useConditionWords(): SummaryWords {
  const { t } = useTranslation();
  return { and: t('condition.and'), or: t('condition.or'), not: t('condition.not'), operator: (op: string) => t(`condition.operators.${op}`, { defaultValue: op }) };
}
