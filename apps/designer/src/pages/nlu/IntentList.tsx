import type { NluData } from '@zhishou/flow-schema';
import { keySchema } from '@zhishou/flow-schema';
import { Badge, Button, Form, Input, List, Modal, Popconfirm, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { removeIntent, upsertIntent } from './nluEdits';
import type { NluWarning } from './nluWarnings';

interface Props {
  data: NluData;
  selected: string | undefined;
  warnings: NluWarning[];
  readOnly: boolean;
  onSelect(key: string): void;
  onChange(data: NluData): void;
}

export function IntentList({ data, selected, warnings, readOnly, onSelect, onChange }: Props) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ key: string; name: string }>();
  const [filter, setFilter] = useState('');
  const flagged = new Set(warnings.flatMap((w) => (w.code === 'too_few_examples' ? [w.intent] : w.intents)));
  const shown = data.intents.filter((i) => !filter || i.key.includes(filter) || i.name.includes(filter));

  async function add() {
    const values = await form.validateFields();
    onChange(upsertIntent(data, { key: values.key, name: values.name, examples: [], keywords: [] }));
    onSelect(values.key);
    form.resetFields();
    setAdding(false);
  }

  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Input.Search allowClear placeholder={t('common.search')} onChange={(e) => setFilter(e.target.value)} />
        {!readOnly && <Button onClick={() => setAdding(true)}>{t('nlu.addIntent')}</Button>}
      </Space>
      <List
        bordered
        size="small"
        dataSource={shown}
        style={{ maxHeight: 560, overflow: 'auto' }}
        renderItem={(intent) => (
          <List.Item
            style={{ cursor: 'pointer', background: intent.key === selected ? 'rgba(22,119,255,0.08)' : undefined }}
            onClick={() => onSelect(intent.key)}
            actions={
              readOnly
                ? []
                : [
                    <Popconfirm key="del" title={t('nlu.deleteIntentConfirm', { intent: intent.key })} onConfirm={() => onChange(removeIntent(data, intent.key))}>
                      <Button size="small" type="link" danger onClick={(e) => e.stopPropagation()}>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>,
                  ]
            }
          >
            <Space>
              {flagged.has(intent.key) ? (
                <Tooltip title={t('nlu.hasWarnings')}>
                  <Badge status="warning" />
                </Tooltip>
              ) : (
                <Badge status="success" />
              )}
              <Typography.Text strong>{intent.name}</Typography.Text>
              <Typography.Text type="secondary">{intent.key}</Typography.Text>
              <Typography.Text type="secondary">({intent.examples.length})</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Modal open={adding} title={t('nlu.addIntent')} onOk={() => void add()} onCancel={() => setAdding(false)} okText={t('common.add')} cancelText={t('common.cancel')}>
        <Form form={form} layout="vertical">
          <Form.Item
            name="key"
            label={t('common.key')}
            rules={[
              { required: true, message: t('nlu.keyRequired') },
              {
                validator: async (_, value: string) => {
                  if (value && !keySchema.safeParse(value).success) throw new Error(t('nlu.keyFormat'));
                  if (data.intents.some((i) => i.key === value)) throw new Error(t('nlu.keyTaken'));
                },
              },
            ]}
          >
            <Input placeholder="ask_price" />
          </Form.Item>
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('nlu.nameRequired') }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
