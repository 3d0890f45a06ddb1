import { useEffect, useState } from 'react';
import { z } from 'zod';
import { api } from '../../api';

/** What `GET /v1/sandbox/routes` answers (apps/api/src/modules/sandbox). */
const sandboxRoutesSchema = z.object({
  routes: z.array(z.object({ method: z.string(), path: z.string(), fields: z.array(z.string()), example: z.string(), description: z.string() })),
});
export type SandboxRoute = z.infer<typeof sandboxRoutesSchema>['routes'][number];

let cached: Promise<SandboxRoute[]> | null = null;

/** The sandbox marketplace's routes, fetched once per page load (an empty list while loading or on failure). */
export function useSandboxRoutes(): SandboxRoute[] {
  const [routes, setRoutes] = useState<SandboxRoute[]>([]);
  useEffect(() => {
    let alive = true;
    cached ??= api.get<unknown>('/v1/sandbox/routes').then((body) => sandboxRoutesSchema.parse(body).routes);
    cached.then((list) => alive && setRoutes(list)).catch(() => {
      cached = null;
    });
    return () => {
      alive = false;
    };
  }, []);
  return routes;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);

/** A route path as an http node URL: `{orderId}` becomes the slot template `{{slots.order_id}}`. */
export function routeToUrl(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => `{{slots.${snake(name)}}}`);
}

/** The sandbox route an http node's URL calls, if any (`/sandbox/orders/{{slots.x}}` → `/sandbox/orders/{orderId}`). */
export function routeOfUrl(routes: readonly SandboxRoute[], url: string): SandboxRoute | undefined {
  const path = url.split('?')[0] ?? '';
  return routes.find((route) => new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+').replace(/\//g, '\\/')}$`).test(path));
}
