import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImports, readSources, violationKey } from './source-rules';

const SRC = join(__dirname, '../../src');

/**
 * Upward imports still in the tree, waiting for the engineer named beside them (issue 8, point 4). The
 * lead empties this list at merge; the test fails when an entry is fixed (remove it) or anything else appears.
 */
const KNOWN_VIOLATIONS: readonly string[] = [
];

describe('import rules of apps/api', () => {
  it('infra imports no module, and modules do not import each other in a loop', () => {
    const found = checkImports(readSources(SRC)).map(violationKey);
    const known = new Set(KNOWN_VIOLATIONS);
    expect(found.filter((v) => !known.has(v)), 'new violations (see DEVELOPERS.md, "Modules and data")').toEqual([]);
    expect(KNOWN_VIOLATIONS.filter((v) => !found.includes(v)), 'fixed: remove these from KNOWN_VIOLATIONS').toEqual([]);
  });
});

describe('the import check itself (fixtures, not real files)', () => {
  it('fails on infra importing a module', () => {
    const files = [{ path: 'infra/database/entities.ts', text: "import { BotEntity } from '../../modules/bots/bot.entity';" }];
    expect(checkImports(files).map(violationKey)).toEqual(['upward-import infra/database/entities.ts modules/bots/bot.entity']);
  });

  it('fails on a cycle between modules, direct or longer, and names it once', () => {
    const files = [
      { path: 'modules/events/events.service.ts', text: "import { TriggerScheduler } from '../triggers/scheduler.service';" },
      { path: 'modules/triggers/trigger-runner.service.ts', text: "import { EventsService } from '../events/events.service';" },
      { path: 'modules/a/a.ts', text: "import { b } from '../b/b';" },
      { path: 'modules/b/b.ts', text: "import type { C } from '../c/c';" },
      { path: 'modules/c/c.ts', text: "export { a } from '../a/a';" },
    ];
    expect(checkImports(files).map((v) => v.detail).sort()).toEqual(['a → b → c → a', 'events → triggers → events']);
  });

  it('passes imports in one direction, of infra from modules, and of packages', () => {
    const files = [
      { path: 'modules/triggers/fire-facts.ts', text: "import type { EventsService } from '../events/events.service';\nimport { Sql } from '../../infra/database/sql';\nimport { z } from 'zod';" },
      { path: 'modules/events/events.service.ts', text: "import { Sql } from '../../infra/database/sql';" },
      { path: 'app.module.ts', text: "import { EventsModule } from './modules/events/events.module';" },
    ];
    expect(checkImports(files)).toEqual([]);
  });
});
