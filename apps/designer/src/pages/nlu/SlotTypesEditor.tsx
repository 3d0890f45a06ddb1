import { ENTITY_KINDS, keySchema, type NluData, type SlotType } from '@zhishou/flow-schema';
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatListValues, parseListValues, regexProblem, removeSlotType, upsertSlotType } from './nluEdits';

interface Props {
  data: NluData;
  readOnly: boolean;
  onChange(data: NluData): void;
}

interface FormValues {
  key: string;
  kind: SlotType['kind'];
  pattern?: string;
  values?: string;
  description?: string;
}

/** Slot/entity types: built-in kinds, ops-defined regex patterns and lists with synonyms. */
export function SlotTypesEditor({ data, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<{ previousKey?: string } | null>(null);
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);

  function open(slotType?: SlotType) {
    form.resetFields();
    if (slotType) {
      form.setFieldsValue({ key: slotType.key, kind: slotType.kind, pattern: slotType.pattern, values: formatListValues(slotType.values), description: slotType.description });
    } else {
      form.setFieldsValue({ kind: 'list' });
    }
    setEditing({ previousKey: slotType?.key });
  }

  async function submit() {
    const v = await form.validateFields();
    const slotType: SlotType = {
      key: v.key,
      kind: v.kind,
      ...(v.kind === 'regex' ? { pattern: v.pattern ?? '' } : {}),
      ...(v.kind === 'list' ? { values: parseListValues(v.values ?? '') } : {}),
      ...(v.description ? { description: v.description } : {}),
    };
    onChange(upsertSlotType(data, slotType, editing?.previousKey));
    setEditing(null);
  }

  return (
    <>
      {!readOnly && (
        <Button style={{ marginBottom: 12 }} onClick={() => open()}>
          {t('nlu.addSlotType')}
        </Button>
      )}
      <Table<SlotType>
        rowKey="key"
        size="small"
        dataSource={data.slotTypes}
        pagination={false}
        locale={{ emptyText: t('nlu.noSlotTypes') }}
        columns={[
          { title: t('common.key'), dataIndex: 'key' },
          { title: t('nlu.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{t(`nlu.kinds.${k}`)}</Tag> },
          {
            title: t('nlu.definition'),
            key: 'def',
            render: (_: unknown, s: SlotType) =>
              s.kind === 'regex' ? (
                <Typography.Text code>{s.pattern}</Typography.Text>
              ) : s.kind === 'list' ? (
                <Space wrap size={4}>
                  {(s.values ?? []).map((v) => (
                    <Tag key={v.value}>{v.synonyms.length ? `${v.value} (${v.synonyms.join('/')})` : v.value}</Tag>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('nlu.builtIn')}</Typography.Text>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, s: SlotType) =>
              readOnly ? null : (
                <Space>
                  <Button size="small" onClick={() => open(s)}>
                    {t('common.edit')}
                  </Button>
                  <Popconfirm title={t('nlu.deleteSlotTypeConfirm', { key: s.key })} onConfirm={() => onChange(removeSlotType(data, s.key))}>
                    <Button size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.previousKey ? t('nlu.editSlotType') : t('nlu.addSlotType')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onOk={() => void submit()}
        onCancel={() => setEditing(null)}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="key"
            label={t('common.key')}
            rules={[
              { required: true, message: t('nlu.keyRequired') },
              {
                validator: async (_, value: string) => {
                  if (value && !keySchema.safeParse(value).success) throw new Error(t('nlu.keyFormat'));
                  if (value !== editing?.previousKey && data.slotTypes.some((s) => s.key === value)) throw new Error(t('nlu.keyTaken'));
                },
              },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('nlu.kind')} rules={[{ required: true }]}>
            <Select options={ENTITY_KINDS.map((k) => ({ value: k, label: t(`nlu.kinds.${k}`) }))} />
          </Form.Item>
          {kind === 'regex' && (
            <Form.Item
              name="pattern"
              label={t('nlu.pattern')}
              rules={[
                { required: true, message: t('nlu.patternRequired') },
                {
                  validator: async (_, value: string) => {
                    const problem = value ? regexProblem(value) : null;
                    if (problem) throw new Error(t('nlu.patternInvalid', { problem }));
                  },
                },
              ]}
            >
              <Input placeholder="^[A-Z]{2}\d{10}$" />
            </Form.Item>
          )}
          {kind === 'list' && (
            <Form.Item
              name="values"
              label={t('nlu.values')}
              extra={t('nlu.valuesHelp')}
              rules={[{ validator: async (_, value: string) => { if (parseListValues(value ?? '').length === 0) throw new Error(t('nlu.valuesRequired')); } }]}
            >
              <Input.TextArea rows={6} placeholder={'顺丰, SF, 顺丰快递\n圆通, YTO'} />
            </Form.Item>
          )}
          <Form.Item name="description" label={t('common.description')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
