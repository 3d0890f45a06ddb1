import { Alert, Button, Card, Col, Empty, Form, Input, Modal, Row, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keySchema } from '@zhishou/flow-schema';
import { apiRoutes } from '../../api';
import { describeApiError } from '../../api/client';
import { useCan } from '../../auth/session';
import { useAsync } from '../../hooks/useAsync';
import { useApiError } from '../../hooks/useApiError';
import { Link } from '../../router/Link';
import { zodRule } from '../../forms/zodRule';

interface NewBot {
  key: string;
  name: string;
  description?: string;
}

export default function BotsPage() {
  const { t } = useTranslation();
  const bots = useAsync(() => apiRoutes.listBots(), []);
  const mayCreate = useCan('bot.create');
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewBot>();
  const showError = useApiError();

  const create = async (values: NewBot) => {
    try {
      await apiRoutes.createBot(values);
      setOpen(false);
      form.resetFields();
      bots.reload();
    } catch (error) {
      showError(error);
    }
  };

  return (
    <div style={{ padding: 24, maxWidth: 960 }} data-testid="bots-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('bots.title')}</Typography.Title>
        {mayCreate && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="bot-create">
            {t('bots.create')}
          </Button>
        )}
      </Space>
      {bots.error !== undefined && <Alert type="error" showIcon title={describeApiError(bots.error, t)} />}
      <Spin spinning={bots.loading}>
        {!bots.loading && (bots.data ?? []).length === 0 && <Empty description={t('bots.none')} />}
        <Row gutter={[16, 16]}>
          {(bots.data ?? []).map((bot) => (
            <Col key={bot.key} xs={24} md={12} lg={8}>
              <Link to={{ name: 'bot', bot: bot.key, tab: 'flows', query: {} }} data-testid={`bot-${bot.key}`}>
                <Card hoverable title={bot.name}>
                  <Typography.Text type="secondary">{bot.key}</Typography.Text>
                  {bot.description && <div>{bot.description}</div>}
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Spin>
      <Modal open={open} title={t('bots.create')} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item name="key" label={t('common.key')} extra={t('bots.keyHelp')} rules={[{ required: true, message: t('bots.keyRequired') }, zodRule(keySchema)]}>
            <Input data-testid="bot-key" />
          </Form.Item>
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('bots.nameRequired') }]}>
            <Input data-testid="bot-name" />
          </Form.Item>
          <Form.Item name="description" label={t('common.description')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
