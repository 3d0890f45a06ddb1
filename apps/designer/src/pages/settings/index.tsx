import { Alert, Button, Form, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRoutes } from '../../api';
import { describeApiError } from '../../api/client';
import type { ApiKey } from '@zhishou/flow-schema';
import { useCan } from '../../auth/session';
import { useApiError } from '../../hooks/useApiError';
import { useAsync } from '../../hooks/useAsync';
import type { BotPageProps } from '../types';

export default function SettingsPage({ botKey }: BotPageProps) {
  const { t } = useTranslation();
  const mayManage = useCan('apikey.manage');
  const keys = useAsync(() => (mayManage ? apiRoutes.listApiKeys(botKey) : Promise.resolve([])), [botKey, mayManage]);
  const [created, setCreated] = useState<string>();
  const [form] = Form.useForm<{ name: string }>();
  const showError = useApiError();

  const create = async ({ name }: { name: string }) => {
    try {
      const key = await apiRoutes.createApiKey(botKey, name);
      setCreated(key.key);
      form.resetFields();
      keys.reload();
    } catch (error) {
      showError(error);
    }
  };
  const revoke = async (id: string) => {
    try {
      await apiRoutes.deleteApiKey(botKey, id);
      keys.reload();
    } catch (error) {
      showError(error);
    }
  };

  return (
    <div style={{ padding: 24, maxWidth: 960 }} data-testid="settings-page">
      <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
      <Typography.Title level={4}>{t('settings.apiKeys')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('settings.apiKeysHelp')}</Typography.Paragraph>
      {!mayManage && <Alert type="info" showIcon title={t('errors.forbidden')} />}
      {keys.error !== undefined && <Alert type="error" showIcon title={describeApiError(keys.error, t)} />}
      {created && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setCreated(undefined) }}
          style={{ marginBottom: 16 }}
          title={t('settings.keyCreated')}
          description={<Typography.Text code copyable data-testid="api-key-secret">{created}</Typography.Text>}
        />
      )}
      {mayManage && (
        <>
          <Form form={form} layout="inline" onFinish={create} style={{ marginBottom: 16 }}>
            <Form.Item name="name" rules={[{ required: true, message: t('bots.nameRequired') }]}>
              <Input placeholder={t('settings.keyName')} data-testid="api-key-name" />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="api-key-create">{t('settings.createKey')}</Button>
          </Form>
          <Table<ApiKey>
            rowKey="id"
            loading={keys.loading}
            dataSource={keys.data ?? []}
            pagination={false}
            columns={[
              { title: t('common.name'), dataIndex: 'name' },
              { title: t('settings.prefix'), dataIndex: 'prefix', render: (p?: string) => (p ? <code>{p}…</code> : '') },
              { title: t('settings.createdAt'), dataIndex: 'createdAt', render: (v?: string) => (v ? new Date(v).toLocaleString() : '') },
              { title: t('settings.lastUsed'), dataIndex: 'lastUsedAt', render: (v?: string | null) => (v ? new Date(v).toLocaleString() : t('settings.never')) },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, key) => (
                  <Space>
                    <Popconfirm title={t('settings.revokeConfirm')} onConfirm={() => revoke(key.id)}>
                      <Button danger size="small">{t('settings.revoke')}</Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
    </div>
  );
}
