import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support';
import { ApiKeyService, hashApiKey } from './api-key.service';
import { BotsRepository } from './bots.repository';
import { BotsService } from './bots.service';

describe('ApiKeyService', () => {
  let db: TestDatabase;
  let keys: ApiKeyService;
  beforeAll(async () => {
    db = await createTestDatabase();
    const bots = new BotsService(new BotsRepository(db.sql));
    await bots.create({ key: 'a', name: 'A', description: '', settings: {} });
    await bots.create({ key: 'b', name: 'B', description: '', settings: {} });
    keys = new ApiKeyService(new BotsRepository(db.sql));
  });
  afterAll(async () => {
    await db.drop();
  });

  it('stores only the hash and authenticates the key for its own bot only', async () => {
    const created = await keys.create('a', 'frontend', null);
    const rows: { hash: string; prefix: string }[] = await db.dataSource.query('SELECT hash, prefix FROM api_keys WHERE id = $1', [created.id]);
    expect(rows).toEqual([{ hash: hashApiKey(created.key), prefix: created.prefix }]);
    expect(JSON.stringify(rows)).not.toContain(created.key);

    expect(await keys.authenticate('a', created.key)).toEqual({ botKey: 'a', apiKeyId: created.id });
    expect(await keys.authenticate('a', created.key)).toEqual({ botKey: 'a', apiKeyId: created.id }); // from the cache
    expect(await keys.authenticate('b', created.key)).toBeNull();
    expect(await keys.authenticate('a', `${created.key}x`)).toBeNull();
    // The key alone names its bot (POST /v1/events).
    expect(await keys.authenticateKey(created.key)).toEqual({ botKey: 'a', apiKeyId: created.id });
    expect(await keys.authenticateKey(`${created.key}x`)).toBeNull();
  });

  it('stops authenticating a revoked key at once on this instance, and after a fresh lookup on others', async () => {
    const created = await keys.create('a', 'to revoke', null);
    const otherInstance = new ApiKeyService(new BotsRepository(db.sql));
    expect(await keys.authenticate('a', created.key)).not.toBeNull();
    await keys.revoke('a', created.id);
    expect(await keys.authenticate('a', created.key)).toBeNull();
    expect(await otherInstance.authenticate('a', created.key)).toBeNull();
    expect((await keys.list('a')).map((key) => key.id)).not.toContain(created.id);
  });

  it('records when a key was last used', async () => {
    const created = await keys.create('b', 'usage', null);
    expect((await keys.list('b')).find((key) => key.id === created.id)?.lastUsedAt).toBeNull();
    await keys.authenticate('b', created.key);
    expect((await keys.list('b')).find((key) => key.id === created.id)?.lastUsedAt).not.toBeNull();
  });
});
