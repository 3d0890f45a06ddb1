import type { BotPageProps } from '../types';
import { NluPage } from './NluPage';

export default function Page({ botKey }: BotPageProps) {
  return <NluPage bot={botKey} />;
}
