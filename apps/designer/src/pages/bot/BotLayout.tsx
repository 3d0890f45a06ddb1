import { Breadcrumb, Layout, Menu } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session';
import { Link } from '../../router/Link';
import { navigate } from '../../router/router';
import { BOT_TABS, type BotTab } from '../../router/routes';

/** A bot's pages: side navigation over Flows / NLU / Models / Rules / Versions / Settings / Inbox. */
export function BotLayout({ botKey, tab, children }: { botKey: string; tab: BotTab; children: ReactNode }) {
  const { t } = useTranslation();
  const canInbox = useCan('inbox.use');
  const tabs = BOT_TABS.filter((name) => name !== 'inbox' || canInbox);
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider width={200} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
        <Breadcrumb
          style={{ padding: '12px 16px' }}
          items={[
            { title: <Link to={{ name: 'bots' }}>{t('nav.bots')}</Link> },
            { title: <span data-testid="current-bot">{botKey}</span> },
          ]}
        />
        <Menu
          mode="inline"
          selectedKeys={[tab]}
          data-testid="bot-nav"
          items={tabs.map((name) => ({ key: name, label: <span data-testid={`nav-${name}`}>{t(`nav.${name}`)}</span> }))}
          onClick={({ key }) => navigate({ name: 'bot', bot: botKey, tab: key as BotTab, query: {} })}
        />
      </Layout.Sider>
      <Layout.Content style={{ overflow: 'auto', background: '#fff' }}>{children}</Layout.Content>
    </Layout>
  );
}
