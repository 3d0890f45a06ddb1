export { createTestApp, type RequestOptions, type TestApp, type TestAppOptions, type TestResponse } from './test-app';
export { BASE_DATABASE_URL, createTestDatabase, TEST_REDIS_URL, type TestDatabase } from './test-database';
export { deleteRedisKeys } from './redis';
