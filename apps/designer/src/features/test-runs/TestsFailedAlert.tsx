import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../router/router';
import type { TestRunReport } from '@zhishou/flow-schema';

const MAX_LINES = 6;

/** Why the api refused a publish: which test cases failed and how (the versions page shows it). */
export function TestsFailedAlert({ bot, flow, report }: { bot: string; flow: string; report: TestRunReport }) {
  const { t } = useTranslation();
  const failed = report.results.filter((r) => !r.passed);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="publish-tests-failed"
      message={t('tests.publishRefused', { failed: report.failed, total: report.total })}
      description={
        <>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {failed.map((result) => (
              <li key={result.id}>
                <strong>{result.name}</strong>
                {result.flow !== flow && ` (${result.flow})`}
                <ul style={{ paddingLeft: 16 }}>
                  {result.failures.slice(0, MAX_LINES).map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                  {result.failures.length > MAX_LINES && <li>…</li>}
                </ul>
              </li>
            ))}
          </ul>
          <Button size="small" onClick={() => navigate({ name: 'bot', bot, tab: 'tests', query: { flow: failed[0]?.flow ?? flow } })}>
            {t('tests.openTests')}
          </Button>
        </>
      }
    />
  );
}
