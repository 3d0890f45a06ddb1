import { useTranslation } from 'react-i18next';

export function useConditionWords() {
  const { t } = useTranslation();
  return { and: t('condition.and'), or: t('condition.or'), not: t('condition.not') };
}
