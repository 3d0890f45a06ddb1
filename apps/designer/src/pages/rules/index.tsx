import type { BotPageProps } from '../types';
import { RulesPage } from './RulesPage';

export default function Page({ botKey, query }: BotPageProps) {
  return <RulesPage bot={botKey} query={query} />;
}
