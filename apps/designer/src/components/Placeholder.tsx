import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown by a page that another engineer has not filled yet. */
export function Placeholder({ titleKey, testId }: { titleKey: string; testId: string }) {
  const { t } = useTranslation();
  return <Result data-testid={testId} status="info" title={t(titleKey)} subTitle={t('placeholder.comingSoon')} />;
}
