import type { BotPageProps } from '../types';
import { ModelsPage } from './ModelsPage';

export default function Page({ botKey }: BotPageProps) {
  return (
    <div style={{ padding: 24 }} data-testid="page-models">
      <ModelsPage bot={botKey} />
    </div>
  );
}
