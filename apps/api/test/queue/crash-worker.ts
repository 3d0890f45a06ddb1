// A worker process for worker-recovery.test.ts: takes `recovery.hang` jobs, says so on stdout, and
// never finishes them (the test SIGKILLs it mid-job).
import { BullMqQueue } from '../../src/infra/queue/bullmq.driver';
import { PgBossQueue } from '../../src/infra/queue/pgboss.driver';
import type { TypedQueue } from '../../src/infra/queue/queue.port';

export interface RecoveryCatalogue {
  'recovery.hang': { n: number };
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const queue: TypedQueue<RecoveryCatalogue> =
  env('RECOVERY_DRIVER') === 'bullmq'
    ? new BullMqQueue<RecoveryCatalogue>({ url: env('RECOVERY_URL'), prefix: env('RECOVERY_PREFIX') })
    : new PgBossQueue<RecoveryCatalogue>({ url: env('RECOVERY_URL'), schema: env('RECOVERY_PREFIX') });

await queue.process('recovery.hang', async (_payload, context) => {
  process.stdout.write(`started ${context.jobId} ${context.attempt}\n`);
  await new Promise(() => undefined);
});
process.stdout.write('ready\n');
