import type { BotPageProps } from '../types';
import { VersionsPage } from './VersionsPage';

export default function Page({ botKey, query }: BotPageProps) {
  return (
    <div style={{ padding: 24 }} data-testid="page-versions">
      <VersionsPage bot={botKey} query={query} />
    </div>
  );
}
