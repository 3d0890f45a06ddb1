import type { INestApplicationContext } from '@nestjs/common';
import { FirstStartReport } from '../../infra/config/first-start';
import { withAdvisoryLock } from '../../infra/database/data-source';
import { Sql } from '../../infra/database/sql';
import type { Logger } from '../../infra/logging/logger';
import { DemoSeeder } from './demo-seeder';

const SEED_LOCK_KEY = 7_416_000_003;

/**
 * Loads the demo bot on a fresh installation (one process at a time, so two api instances starting
 * together seed once) and records its plaintext API key for the start banner.
 */
export async function seedDemoBot(app: INestApplicationContext, logger: Logger): Promise<void> {
  const seeder = app.get(DemoSeeder, { strict: false });
  const result = await withAdvisoryLock(app.get(Sql), SEED_LOCK_KEY, () => seeder.seedIfEmpty());
  if (!result) return;
  app.get(FirstStartReport).record({ apiKeys: [{ bot: result.bot, key: result.apiKey }] });
  logger.info({ bot: result.bot, flows: result.flows }, 'demo bot seeded; its API key is in the first-start notes');
}
