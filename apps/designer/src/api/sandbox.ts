import { sandboxRouteListSchema } from '@zhishou/flow-schema';
import type { ApiClient } from './client';

/** The sandbox marketplace (demo and tests): the routes a flow's http node can call. */
export function sandboxApi(api: ApiClient) {
  return {
    routes: async () => (await api.get('/v1/sandbox/routes', sandboxRouteListSchema)).routes,
  };
}
