import type { BotPageProps } from '../types';
import { ModelsPage } from './ModelsPage';

export default function Page({ botKey }: BotPageProps) {
  return <ModelsPage bot={botKey} />;
}
