import type { BotPageProps } from '../types';
import { Placeholder } from '../../components/Placeholder';

// Placeholder: designer-extras replaces this file with the real page (same default export and props).
export default function Page(_props: BotPageProps) {
  return <Placeholder titleKey="nav.rules" testId="page-rules" />;
}
