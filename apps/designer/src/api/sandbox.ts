import { sandboxOrderSchema, sandboxRouteListSchema, type SandboxOrder } from '@zhishou/flow-schema';
import { ApiError, type ApiClient } from './client';

/** The sandbox marketplace (demo and tests): the routes a flow's http node can call. */
export function sandboxApi(api: ApiClient) {
  return {
    routes: async () => (await api.get('/v1/sandbox/routes', sandboxRouteListSchema)).routes,
  };
}

/** A sandbox order, or null when the sandbox has no such order (404). */
export async function fetchSandboxOrder(api: ApiClient, orderId: string): Promise<SandboxOrder | null> {
  try {
    return await api.get(`/v1/sandbox/orders/${encodeURIComponent(orderId)}`, sandboxOrderSchema);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
