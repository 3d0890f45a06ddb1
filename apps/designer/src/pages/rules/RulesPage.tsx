import { idSchema } from '@zhishou/flow-schema';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useCan } from '../../auth/session';
import { useApiError } from '../../hooks/useApiError';
import { useAsync } from '../../hooks/useAsync';
import { navigate } from '../../router/router';
import { RuleSetEditor } from './RuleSetEditor';
import { rulesApi } from '../../api/rules';

const rules = rulesApi(api);

/** Trigger rule sets of a bot: pick one (or create one), then edit, simulate, publish. */
export function RulesPage({ bot, query }: { bot: string; query: Record<string, string> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const canEdit = useCan('rules.edit');
  const list = useAsync(() => rules.list(bot), [bot]);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ key: string; name: string }>();
  const selected = query.set ?? list.data?.[0]?.key;

  async function create() {
    const { key, name } = await form.validateFields();
    try {
      await rules.create(bot, { schemaVersion: 1, key, name, rules: [] });
      void message.success(t('rules.setCreated'));
      setCreating(false);
      form.resetFields();
      list.reload();
      navigate({ name: 'bot', bot, tab: 'rules', query: { set: key } });
    } catch (error) {
      showError(error);
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('rules.title')}
        </Typography.Title>
        {(list.data?.length ?? 0) > 0 && (
          <Select
            aria-label={t('rules.ruleSet')}
            style={{ minWidth: 220 }}
            value={selected}
            onChange={(set: string) => navigate({ name: 'bot', bot, tab: 'rules', query: { set } })}
            options={(list.data ?? []).map((s) => ({ value: s.key, label: `${s.document.name} (${s.key})` }))}
          />
        )}
        {canEdit && (
          <Button data-testid="ruleset-create" onClick={() => setCreating(true)}>
            {t('rules.newSet')}
          </Button>
        )}
      </Space>
      {list.error !== undefined && <Alert type="error" showIcon message={t('rules.loadFailed')} />}
      {selected ? (
        <RuleSetEditor key={selected} bot={bot} setKey={selected} onSaved={list.reload} />
      ) : (
        !list.loading && (
          <Card>
            <Empty description={t('rules.noSets')} />
          </Card>
        )
      )}
      <Modal open={creating} title={t('rules.newSet')} onOk={() => void create()} onCancel={() => setCreating(false)} okText={t('common.create')} cancelText={t('common.cancel')}>
        <Form form={form} layout="vertical">
          <Form.Item
            name="key"
            label={t('common.key')}
            rules={[{ required: true, message: t('rules.errors.id') }, { validator: async (_, v: string) => { if (v && !idSchema.safeParse(v).success) throw new Error(t('rules.errors.id')); } }]}
          >
            <Input data-testid="ruleset-key" placeholder="reminders" />
          </Form.Item>
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('rules.errors.name') }]}>
            <Input data-testid="ruleset-name" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
