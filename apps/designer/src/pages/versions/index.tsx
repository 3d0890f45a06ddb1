import type { BotPageProps } from '../types';
import { VersionsPage } from './VersionsPage';

export default function Page({ botKey, query }: BotPageProps) {
  return <VersionsPage bot={botKey} query={query} />;
}
