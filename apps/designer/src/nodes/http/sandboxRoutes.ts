import { useEffect, useState } from 'react';
import type { SandboxRoute } from '@zhishou/flow-schema';
import { api } from '../../api';
import { sandboxApi } from '../../api/sandbox';

export type { SandboxRoute };
const sandbox = sandboxApi(api);

let cached: Promise<SandboxRoute[]> | null = null;

/** The sandbox marketplace's routes, fetched once per page load (an empty list while loading or on failure). */
export function useSandboxRoutes(): SandboxRoute[] {
  const [routes, setRoutes] = useState<SandboxRoute[]>([]);
  useEffect(() => {
    let alive = true;
    cached ??= sandbox.routes();
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
