import type { InboxPageProps } from '../types';
import { Placeholder } from '../../components/Placeholder';

// Placeholder: designer-extras replaces this file with the real page (same default export and props).
export default function Page(_props: InboxPageProps) {
  return <Placeholder titleKey="nav.inbox" testId="page-inbox" />;
}
