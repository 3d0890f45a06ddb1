import { CoreAuthBots1764000000000 } from './1764000000000-core-auth-bots';
import { VersioningChat1764100000000 } from './1764100000000-versioning-chat';
import { EventsTriggers1764500000000 } from './1764500000000-events-triggers';
import { NluModels1764600000000 } from './1764600000000-nlu-models';
import { FlowTestCases1764800000000 } from './1764800000000-flow-test-cases';
import { TurnLeaseOutbox1765000000020 } from './1765000000020-turn-lease-outbox';
import { VersionedNluPins1765000000040 } from './1765000000040-versioned-nlu-pins';
import { UserAccess1765000000060 } from './1765000000060-user-access';

/**
 * Every migration, in order. Hand-written; name files `<timestamp>-<what>.ts` and append here.
 * The drift test (apps/api/test/database-drift.test.ts) fails when entities and migrations disagree.
 */
export const MIGRATIONS = [CoreAuthBots1764000000000, VersioningChat1764100000000, EventsTriggers1764500000000, NluModels1764600000000, FlowTestCases1764800000000, TurnLeaseOutbox1765000000020, VersionedNluPins1765000000040, UserAccess1765000000060];
