import type { EntityList } from '../infra/database/data-source';
import { ENTITIES as auth } from './auth/login-throttle.entity';
import { ENTITIES as bots } from './bots/api-key.entity';
import { ENTITIES as conversations } from './conversations/conversation.entities';
import { ENTITIES as events } from './events/event.entity';
import { ENTITIES as handoffs } from './handoffs/handoff.entity';
import { ENTITIES as models } from './models/model.entities';
import { ENTITIES as testCases } from './test-cases/test-case.entity';
import { ENTITIES as triggers } from './triggers/trigger.entities';
import { ENTITIES as users } from './users/user.entity';
import { ENTITIES as versioning } from './versioning/versioning.entities';

/**
 * The composition root of the schema: each module registers the entities of the tables it owns (its
 * `ENTITIES` export), and this map is the table → owner map the ownership check reads
 * (apps/api/test/architecture). The api, the worker, the CLI and the tests open the DataSource with
 * `ENTITIES` below. Add your module here (one line) when it gets a table.
 */
export const ENTITIES_BY_MODULE = {
  auth,
  bots,
  conversations,
  events,
  handoffs,
  models,
  'test-cases': testCases,
  triggers,
  users,
  versioning,
} as const satisfies Record<string, EntityList>;

export const ENTITIES: EntityList = Object.values(ENTITIES_BY_MODULE).flat();
