import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { useSession } from './auth/session';
import { i18n } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { BotLayout } from './pages/bot/BotLayout';
import type { BotPageProps } from './pages/types';
import { navigate, useHash } from './router/router';
import { formatRoute, parseHash, type BotTab, type Route } from './router/routes';

// One chunk per page (route-split): the entry holds the shell only, a page's code loads when it opens.
const loaders = {
  bots: () => import('./pages/bots'),
  flow: () => import('./pages/flow-editor'),
  flows: () => import('./pages/flows'),
  inbox: () => import('./pages/inbox'),
  login: () => import('./pages/login'),
  models: () => import('./pages/models'),
  nlu: () => import('./pages/nlu'),
  rules: () => import('./pages/rules'),
  settings: () => import('./pages/settings'),
  tests: () => import('./pages/tests'),
  versions: () => import('./pages/versions'),
};
const BotsPage = lazy(loaders.bots);
const FlowEditorPage = lazy(loaders.flow);
const FlowsPage = lazy(loaders.flows);
const InboxPage = lazy(loaders.inbox);
const LoginPage = lazy(loaders.login);
const ModelsPage = lazy(loaders.models);
const NluPage = lazy(loaders.nlu);
const RulesPage = lazy(loaders.rules);
const SettingsPage = lazy(loaders.settings);
const TestsPage = lazy(loaders.tests);
const VersionsPage = lazy(loaders.versions);

/** Starts fetching the opened page's chunk while the shell boots (a deep link does not wait for React). */
function preloadPage(route: Route): void {
  const load = route.name === 'bot' ? loaders[route.tab] : route.name === 'flow' ? loaders.flow : route.name === 'login' || route.name === 'bots' || route.name === 'inbox' ? loaders[route.name] : undefined;
  void load?.().catch(() => undefined);
}
if (typeof window !== 'undefined') preloadPage(parseHash(window.location.hash));

function PageLoading() {
  return <Spin style={{ display: 'block', margin: '64px auto' }} data-testid="page-loading" />;
}

const BOT_PAGES: Record<Exclude<BotTab, 'inbox'>, ComponentType<BotPageProps>> = {
  flows: FlowsPage,
  nlu: NluPage,
  models: ModelsPage,
  rules: RulesPage,
  versions: VersionsPage,
  tests: TestsPage,
  settings: SettingsPage,
};

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result status="404" title={t('nav.notFound')} extra={<Button onClick={() => navigate({ name: 'bots' })}>{t('nav.backHome')}</Button>} />
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'bots':
      return <BotsPage />;
    case 'inbox':
      return <InboxPage />;
    case 'bot':
      return (
        <BotLayout botKey={route.bot} tab={route.tab}>
          {route.tab === 'inbox' ? (
            <InboxPage botKey={route.bot} />
          ) : (
            (() => {
              const BotPage = BOT_PAGES[route.tab];
              return <BotPage key={route.bot} botKey={route.bot} query={route.query} />;
            })()
          )}
        </BotLayout>
      );
    case 'flow':
      return <FlowEditorPage key={`${route.bot}/${route.flow}/${route.version ?? 'draft'}`} botKey={route.bot} flowKey={route.flow} version={route.version} />;
    case 'login':
    case 'notFound':
      return <NotFound />;
  }
}

function Shell() {
  const route = parseHash(useHash());
  const signedIn = useSession((s) => s.token !== null);
  const mustSignIn = !signedIn && route.name !== 'login';
  useEffect(() => {
    if (mustSignIn) navigate({ name: 'login', next: formatRoute(route) }, { replace: true, force: true });
  }, [mustSignIn, route]);
  if (route.name === 'login') {
    return (
      <Suspense fallback={<PageLoading />}>
        <LoginPage next={route.next} />
      </Suspense>
    );
  }
  if (mustSignIn) return null;
  return (
    <AppLayout route={route}>
      <Suspense fallback={<PageLoading />}>
        <Page route={route} />
      </Suspense>
    </AppLayout>
  );
}

function Localised() {
  const { i18n: current } = useTranslation();
  const english = current.language === 'en';
  useEffect(() => {
    document.documentElement.lang = current.language;
  }, [current.language]);
  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={{ token: { colorPrimary: '#ff6a00' } }}>
      <AntApp>
        <Shell />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <Localised />
    </I18nextProvider>
  );
}
