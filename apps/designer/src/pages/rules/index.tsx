import type { BotPageProps } from '../types';
import { RulesPage } from './RulesPage';

export default function Page({ botKey, query }: BotPageProps) {
  return (
    <div style={{ padding: 24 }} data-testid="page-rules">
      <RulesPage bot={botKey} query={query} />
    </div>
  );
}
