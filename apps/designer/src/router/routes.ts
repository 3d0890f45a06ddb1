/**
 * The designer's routes, as data. Hash-based (`#/bots/xianyu/flows/main`) so the api can serve
 * `index.html` at `/` without a history fallback, and deep links survive a reload.
 */
export const BOT_TABS = ['flows', 'nlu', 'models', 'rules', 'versions', 'tests', 'settings', 'inbox'] as const;
export type BotTab = (typeof BOT_TABS)[number];

export type Route =
  | { name: 'login'; next?: string }
  | { name: 'bots' }
  | { name: 'inbox' }
  | { name: 'bot'; bot: string; tab: BotTab; query: Record<string, string> }
  | { name: 'flow'; bot: string; flow: string; version?: number }
  | { name: 'notFound'; path: string };

function isBotTab(value: string | undefined): value is BotTab {
  return (BOT_TABS as readonly string[]).includes(value ?? '');
}

function splitQuery(path: string): [string, Record<string, string>] {
  const [pathname = '', search = ''] = path.split('?', 2);
  return [pathname, Object.fromEntries(new URLSearchParams(search))];
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathname, query] = splitQuery(raw);
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, bot, tab, flow, sub, version] = parts;
  if (parts.length === 0) return { name: 'bots' };
  if (first === 'login' && parts.length === 1) return query.next ? { name: 'login', next: query.next } : { name: 'login' };
  if (first === 'inbox' && parts.length === 1) return { name: 'inbox' };
  if (first !== 'bots') return { name: 'notFound', path: pathname };
  if (parts.length === 1) return { name: 'bots' };
  if (bot === undefined) return { name: 'notFound', path: pathname };
  if (parts.length === 2) return { name: 'bot', bot, tab: 'flows', query };
  if (tab === 'flows' && flow !== undefined) {
    if (parts.length === 4) return { name: 'flow', bot, flow };
    if (sub === 'versions' && version !== undefined && /^\d+$/.test(version) && parts.length === 6) {
      return { name: 'flow', bot, flow, version: Number(version) };
    }
  }
  if (parts.length === 3 && isBotTab(tab)) return { name: 'bot', bot, tab, query };
  return { name: 'notFound', path: pathname };
}

export function formatRoute(route: Route): string {
  const enc = encodeURIComponent;
  switch (route.name) {
    case 'login':
      return route.next ? `#/login?next=${enc(route.next)}` : '#/login';
    case 'bots':
      return '#/bots';
    case 'inbox':
      return '#/inbox';
    case 'bot': {
      const search = new URLSearchParams(route.query).toString();
      return `#/bots/${enc(route.bot)}/${route.tab}${search ? `?${search}` : ''}`;
    }
    case 'flow':
      return route.version === undefined
        ? `#/bots/${enc(route.bot)}/flows/${enc(route.flow)}`
        : `#/bots/${enc(route.bot)}/flows/${enc(route.flow)}/versions/${route.version}`;
    case 'notFound':
      return `#${route.path}`;
  }
}
