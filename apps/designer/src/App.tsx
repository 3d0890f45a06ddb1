import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { useSession } from './auth/session';
import { i18n } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { BotLayout } from './pages/bot/BotLayout';
import BotsPage from './pages/bots';
import FlowEditorPage from './pages/flow-editor';
import FlowsPage from './pages/flows';
import InboxPage from './pages/inbox';
import LoginPage from './pages/login';
import ModelsPage from './pages/models';
import NluPage from './pages/nlu';
import RulesPage from './pages/rules';
import SettingsPage from './pages/settings';
import TestsPage from './pages/tests';
import VersionsPage from './pages/versions';
import type { BotPageProps } from './pages/types';
import { navigate, useHash } from './router/router';
import { formatRoute, parseHash, type BotTab, type Route } from './router/routes';

const BOT_PAGES: Record<Exclude<BotTab, 'inbox'>, (props: BotPageProps) => React.ReactNode> = {
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
  if (route.name === 'login') return <LoginPage next={route.next} />;
  if (mustSignIn) return null;
  return (
    <AppLayout route={route}>
      <Page route={route} />
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
