import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support';

describe.each(['bullmq', 'pgboss'] as const)('/health with %s', (queue) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ queue });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is public and reports db and queue', async () => {
    const response = await t.get('/health', { token: null });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', checks: { db: { status: 'ok' }, queue: { status: 'ok', driver: queue } } });
  });

  it('answers 503 naming the failed check when the database is gone', async () => {
    const other = await createTestApp({ queue, database: t.database, admin: t.admin });
    await other.dataSource.destroy(); // the pool is closed: every query fails
    const response = await other.get('/health', { token: null });
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ error: 'unhealthy', status: 'down', checks: { db: { status: 'down' }, queue: { status: 'ok' } } });
    await other.app.close();
  });
});
