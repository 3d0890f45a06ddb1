import type { BotPageProps } from '../types';
import { TestsPage } from './TestsPage';

export default function Page({ botKey, query }: BotPageProps) {
  return (
    <div style={{ padding: 24 }} data-testid="page-tests">
      <TestsPage bot={botKey} query={query} />
    </div>
  );
}
