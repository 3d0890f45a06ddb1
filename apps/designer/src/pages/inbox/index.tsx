import type { InboxPageProps } from '../types';
import { InboxPage } from './InboxPage';

export default function Page({ botKey }: InboxPageProps) {
  return <InboxPage bot={botKey} />;
}
