import type { InboxPageProps } from '../types';
import { InboxPage } from './InboxPage';

export default function Page({ botKey }: InboxPageProps) {
  return (
    <div style={{ padding: 24 }} data-testid="page-inbox">
      <InboxPage bot={botKey} />
    </div>
  );
}
