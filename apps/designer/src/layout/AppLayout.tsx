import { Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../auth/session';
import { navigate } from '../router/router';
import type { Route } from '../router/routes';
import { LanguageSwitch } from './LanguageSwitch';

function topKey(route: Route): string {
  return route.name === 'inbox' ? 'inbox' : 'bots';
}

/** Header with the main navigation, language switch and the signed-in user; pages render below. */
export function AppLayout({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const signOut = useSession((s) => s.signOut);
  const canInbox = useCan('inbox.use');
  const items = [
    { key: 'bots', label: t('nav.bots') },
    ...(canInbox ? [{ key: 'inbox', label: t('nav.inbox') }] : []),
  ];
  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, padding: '0 16px', height: 48, lineHeight: '48px' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('app.title')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[topKey(route)]}
          items={items}
          onClick={({ key }) => navigate(key === 'inbox' ? { name: 'inbox' } : { name: 'bots' })}
          style={{ flex: 1, minWidth: 0, lineHeight: '48px' }}
          data-testid="main-nav"
        />
        <Space>
          <LanguageSwitch />
          {user && (
            <Dropdown
              menu={{
                items: [{ key: 'logout', label: t('nav.logout') }],
                onClick: () => {
                  if (navigate({ name: 'login' })) signOut();
                },
              }}
            >
              <Button type="text" style={{ color: '#fff' }} data-testid="user-menu">
                {user.name ?? user.email} <Tag style={{ marginInlineStart: 8 }}>{t(`roles.${user.role}`)}</Tag>
              </Button>
            </Dropdown>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ minHeight: 0, overflow: 'auto' }}>{children}</Layout.Content>
    </Layout>
  );
}
