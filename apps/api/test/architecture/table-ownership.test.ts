import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataArgsStorage } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { ENTITIES_BY_MODULE } from '../../src/modules/entities';
import { checkDataAccess, type OwnershipModel, readSources, tablesInSql, type Violation, violationKey } from './source-rules';

const SRC = join(__dirname, '../../src');
const MIGRATIONS = join(SRC, 'infra/database/migrations');

/**
 * Violations still in the tree, each waiting for the engineer named beside it (issue 8). The lead empties
 * this list at merge; the test fails when an entry is fixed (remove it) or when anything else violates.
 */
const KNOWN_VIOLATIONS: readonly string[] = [
  // engineer 2: a handoff row is created in the commit of the turn that hands over (the turn's unit of work);
  // moving it to the handoffs module means an outbox row or a handoffs port inside that commit
  'table-owner modules/conversations/conversation.repository.ts handoffs (owned by handoffs; sql)',
];

/** table → owning module, from the entities each module registers (modules/entities.ts). */
function ownershipModel(): OwnershipModel & { owners: Map<string, string[]> } {
  const tableOf = new Map<unknown, string>();
  for (const table of getMetadataArgsStorage().tables) if (typeof table.target === 'function' && table.name) tableOf.set(table.target, table.name);
  const owners = new Map<string, string[]>();
  const entityTable = new Map<string, string>();
  for (const [module, entities] of Object.entries(ENTITIES_BY_MODULE)) {
    for (const entity of entities) {
      const table = tableOf.get(entity);
      if (!table) throw new Error(`${module}: ${entity.name} is not an @Entity with a table name`);
      owners.set(table, [...(owners.get(table) ?? []), module]);
      entityTable.set(entity.name, table);
    }
  }
  const tableOwner = new Map([...owners].map(([table, modules]) => [table, modules[0] as string]));
  return { tableOwner, entityTable, owners };
}

function migrationTables(): string[] {
  const tables = new Set<string>();
  // In migration order, the `up` steps only: a table a later migration drops is no longer there.
  for (const file of readdirSync(MIGRATIONS).filter((f) => /^\d+-.*\.ts$/.test(f)).sort()) {
    const text = readFileSync(join(MIGRATIONS, file), 'utf8');
    const up = text.slice(0, text.includes('async down(') ? text.indexOf('async down(') : undefined);
    for (const match of up.matchAll(/(CREATE|DROP) TABLE (?:IF (?:NOT )?EXISTS )?"?([a-z_][a-z0-9_]*)"?/g)) {
      if (match[1] === 'CREATE') tables.add(match[2] as string);
      else tables.delete(match[2] as string);
    }
  }
  return [...tables].sort();
}

describe('one owner per table', () => {
  const model = ownershipModel();

  it('every table the migrations create is owned by exactly one module', () => {
    const tables = migrationTables();
    expect(tables.length).toBeGreaterThan(10);
    expect(tables.filter((t) => !model.owners.has(t)).map((t) => `${t}: no module registers an entity for it`)).toEqual([]);
    expect([...model.owners].filter(([, modules]) => modules.length > 1).map(([t, m]) => `${t}: ${m.join(', ')}`)).toEqual([]);
  });

  it('modules touch only their own tables, SQL lives in repositories, and all of it goes through Sql', () => {
    const found = checkDataAccess(readSources(SRC), model).map(violationKey);
    const known = new Set(KNOWN_VIOLATIONS);
    expect(found.filter((v) => !known.has(v)), 'new violations (see DEVELOPERS.md, "Modules and data")').toEqual([]);
    expect(KNOWN_VIOLATIONS.filter((v) => !found.includes(v)), 'fixed: remove these from KNOWN_VIOLATIONS').toEqual([]);
  });
});

describe('the ownership check itself (fixtures, not real files)', () => {
  const model = ownershipModel();
  const check = (path: string, text: string): Violation[] => checkDataAccess([{ path, text }], model);

  it('finds the tables of FROM, JOIN, INTO, UPDATE and comma lists, and only known tables', () => {
    const tables = new Set(['conversations', 'messages', 'handoffs', 'events']);
    expect(tablesInSql('SELECT h.id FROM handoffs h JOIN conversations c ON c.id = h.conversation_id', tables).sort()).toEqual(['conversations', 'handoffs']);
    expect(tablesInSql('INSERT INTO messages (a) VALUES ($1)', tables)).toEqual(['messages']);
    expect(tablesInSql('UPDATE "conversations" SET x = 1', tables)).toEqual(['conversations']);
    expect(tablesInSql('SELECT * FROM events e, public.messages m WHERE 1 = 1', tables).sort()).toEqual(['events', 'messages']);
    expect(tablesInSql('SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid)', tables)).toEqual([]);
    expect(tablesInSql('reads slots from conversations', tables)).toEqual([]); // prose, not SQL (keywords are capitals)
  });

  it('fails on a module reading another module’s table in SQL', () => {
    const violations = check('modules/triggers/trigger.repository.ts', "const q = `SELECT state->'slots' AS slots FROM conversations WHERE bot_key = $1`;");
    expect(violations.map(violationKey)).toEqual(['table-owner modules/triggers/trigger.repository.ts conversations (owned by conversations; sql)']);
  });

  it('fails on SQL outside a repository, even on the module’s own table', () => {
    expect(check('modules/triggers/fire-facts.ts', "await sql.query('SELECT status FROM trigger_jobs');").map((v) => v.rule)).toEqual(['sql-outside-repository']);
  });

  it('fails on TypeORM data access: an injected Repository of another module’s entity, getRepository, query builders, dataSource.query', () => {
    const text = [
      "import { DataSource, type Repository } from 'typeorm';",
      "import { MessageEntity } from '../conversations/conversation.entities';",
      'class X {',
      '  private readonly repo: Repository<MessageEntity>;',
      '  constructor(private readonly dataSource: DataSource) { this.repo = dataSource.getRepository(MessageEntity); }',
      "  q() { return this.dataSource.query('SELECT 1'); }",
      "  b() { return this.repo.createQueryBuilder('m').getMany(); }",
      '}',
    ].join('\n');
    const keys = check('modules/handoffs/handoffs.repository.ts', text).map(violationKey);
    expect(keys).toEqual(
      expect.arrayContaining([
        'table-owner modules/handoffs/handoffs.repository.ts messages (owned by conversations; entity MessageEntity)',
        'data-access-style modules/handoffs/handoffs.repository.ts typeorm DataSource',
        'data-access-style modules/handoffs/handoffs.repository.ts typeorm Repository',
        'data-access-style modules/handoffs/handoffs.repository.ts Repository',
        'data-access-style modules/handoffs/handoffs.repository.ts getRepository',
        'data-access-style modules/handoffs/handoffs.repository.ts createQueryBuilder',
        'data-access-style modules/handoffs/handoffs.repository.ts this.dataSource.query',
      ]),
    );
  });

  it('fails on infra touching a module’s table, and passes a module’s own repository on Sql', () => {
    expect(check('infra/queue/counts.ts', "sql.query('SELECT count(*) FROM trigger_jobs')").map(violationKey)).toEqual(['table-owner infra/queue/counts.ts trigger_jobs (owned by triggers; infra)']);
    const own = "import { Sql } from '../../infra/database/sql';\nexport class TriggerRepository { constructor(private readonly sql: Sql) {} find() { return this.sql.query('SELECT * FROM trigger_jobs WHERE job_id = $1', ['x']); } }";
    expect(check('modules/triggers/trigger.repository.ts', own)).toEqual([]);
  });
});
