import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRoutes } from '../../api';
import { describeApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { navigate } from '../../router/router';
import { LanguageSwitch } from '../../layout/LanguageSwitch';

interface Credentials {
  email: string;
  password: string;
}

export default function LoginPage({ next }: { next?: string }) {
  const { t } = useTranslation();
  const signIn = useSession((s) => s.signIn);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ email, password }: Credentials) => {
    setBusy(true);
    setError(undefined);
    try {
      const { token, user } = await apiRoutes.login(email, password);
      signIn(token, user);
      navigate(next ?? (user.role === 'agent' ? '#/inbox' : '#/bots'), { replace: true, force: true });
    } catch (cause) {
      setError(t('login.failed', { reason: describeApiError(cause, t) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }} data-testid="login-page">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('login.title')}</Typography.Title>
          <LanguageSwitch />
        </div>
        <Form<Credentials> layout="vertical" onFinish={submit} style={{ marginTop: 16 }} requiredMark={false}>
          <Form.Item name="email" label={t('login.email')} rules={[{ required: true, message: t('login.emailRequired') }]}>
            <Input autoComplete="username" data-testid="login-email" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
