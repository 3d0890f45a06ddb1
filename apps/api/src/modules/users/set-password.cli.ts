// Set (or create) a designer user's password from the shell, e.g. when the first-start banner was missed:
//   npm run user:password -- admin@zhishou.local            (generates and prints a password)
//   npm run user:password -- ops@example.com 's3cret-pass' --role editor
// Uses DATABASE_URL, or the embedded Postgres of `npm start` (which must be running).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emailSchema, passwordSchema, roleSchema } from '@zhishou/flow-schema';
import { ZodError } from 'zod';
import { REPO_ROOT } from '../../infra/config/config';
import { openDatabase } from '../../infra/database/data-source';
import { Sql } from '../../infra/database/sql';
import { ENTITIES } from '../entities';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

function databaseUrl(): string {
  if (process.env['DATABASE_URL']) return process.env['DATABASE_URL'];
  const state = join(REPO_ROOT, process.env['DATA_DIR'] ?? '.data', 'embedded-pg.json');
  if (!existsSync(state)) throw new Error('no DATABASE_URL and no embedded Postgres state (.data/embedded-pg.json): run `npm start` first');
  const { port, password } = JSON.parse(readFileSync(state, 'utf8')) as { port: number; password: string };
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/zhishou`;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { role: { type: 'string' } } });
  const email = emailSchema.parse(positionals[0]);
  const password = passwordSchema.parse(positionals[1] ?? randomBytes(12).toString('base64url'));
  const role = values.role === undefined ? undefined : roleSchema.parse(values.role);

  const dataSource = await openDatabase({ url: databaseUrl(), entities: ENTITIES, poolSize: 2 });
  try {
    // The same service and repository as the api (the users module owns the table), without booting Nest.
    const users = new UsersService(new UsersRepository(Sql.of(dataSource)));
    const result = await users.setPassword(email, password, role);
    console.log(`${result.created ? 'created' : 'updated'} ${email} (role ${result.role})`);
    if (positionals[1] === undefined) console.log(`password: ${password}`);
    console.log('A role change applies at the next login; existing tokens keep working until they expire.');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ZodError) console.error(`usage: npm run user:password -- <email> [password] [--role <role>]\n${error.issues.map((issue) => `  ${issue.message}`).join('\n')}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
