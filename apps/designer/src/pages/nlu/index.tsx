import type { BotPageProps } from '../types';
import { NluPage } from './NluPage';

export default function Page({ botKey }: BotPageProps) {
  return (
    <div style={{ padding: 24 }} data-testid="page-nlu">
      <NluPage bot={botKey} />
    </div>
  );
}
