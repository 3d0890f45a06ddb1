import { Alert, Button, Form, Input, Modal, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keySchema } from '@zhishou/flow-schema';
import { apiRoutes } from '../../api';
import { describeApiError } from '../../api/client';
import type { FlowDraft } from '@zhishou/flow-schema';
import { useCan } from '../../auth/session';
import { newFlowDocument } from '../../flow/newFlow';
import { zodRule } from '../../forms/zodRule';
import { useApiError } from '../../hooks/useApiError';
import { useAsync } from '../../hooks/useAsync';
import { Link } from '../../router/Link';
import { navigate } from '../../router/router';
import type { BotPageProps } from '../types';

function flowName(flow: FlowDraft): string {
  return flow.document.name || flow.key;
}

interface NewFlow {
  key: string;
  name: string;
}

export default function FlowsPage({ botKey }: BotPageProps) {
  const { t } = useTranslation();
  const flows = useAsync(() => apiRoutes.listFlows(botKey), [botKey]);
  const mayEdit = useCan('flow.edit');
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewFlow>();
  const showError = useApiError();

  const create = async ({ key, name }: NewFlow) => {
    try {
      await apiRoutes.createFlow(botKey, newFlowDocument(key, name));
      setOpen(false);
      navigate({ name: 'flow', bot: botKey, flow: key });
    } catch (error) {
      showError(error);
    }
  };

  return (
    <div style={{ padding: 24 }} data-testid="flows-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('flows.title')}</Typography.Title>
        {mayEdit && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="flow-create">
            {t('flows.create')}
          </Button>
        )}
      </Space>
      {flows.error !== undefined && <Alert type="error" showIcon title={describeApiError(flows.error, t)} />}
      <Table<FlowDraft>
        rowKey="key"
        loading={flows.loading}
        dataSource={flows.data ?? []}
        locale={{ emptyText: t('flows.none') }}
        pagination={false}
        columns={[
          {
            title: t('common.name'),
            key: 'name',
            render: (_, flow) => (
              <Link to={{ name: 'flow', bot: botKey, flow: flow.key }} data-testid={`flow-${flow.key}`}>
                {flowName(flow)}
              </Link>
            ),
          },
          { title: t('common.key'), dataIndex: 'key' },
          { title: t('flows.revision'), dataIndex: 'revision' },
          {
            title: t('flows.live'),
            key: 'live',
            render: (_, flow) => (flow.liveVersion ? <Tag color="green">v{flow.liveVersion}</Tag> : <Tag>{t('flows.noLive')}</Tag>),
          },
          { title: t('flows.updatedBy'), dataIndex: 'updatedBy' },
          { title: t('flows.updated'), dataIndex: 'updatedAt', render: (value?: string) => (value ? new Date(value).toLocaleString() : '') },
        ]}
      />
      <Modal open={open} title={t('flows.create')} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden okButtonProps={{ 'data-testid': 'flow-create-ok' } as ButtonProps}>
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item name="key" label={t('common.key')} extra={t('bots.keyHelp')} rules={[{ required: true, message: t('bots.keyRequired') }, zodRule(keySchema)]}>
            <Input data-testid="flow-key" />
          </Form.Item>
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('bots.nameRequired') }]}>
            <Input data-testid="flow-name" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
