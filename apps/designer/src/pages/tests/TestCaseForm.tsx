import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Tag, Typography, type ButtonProps } from 'antd';
import { testCaseSchema, type TestCase } from '@zhishou/flow-schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../../hooks/useApiError';
import { formToTurn, turnToForm, type TurnForm } from './testEdits';

interface FormTurn extends TurnForm {
  /** Index of the turn this row came from, so checks the form does not show survive edits and reordering. */
  origin: number | null;
}

interface FormValues {
  name: string;
  turns: FormTurn[];
}

const EMPTY_TURN: FormTurn = { origin: null, user: '', replies: [], intent: '', node: '', slots: [] };

/** A schema issue path in words: `turns.0.user` → 第 1 轮 › 用户消息. */
function issuePlace(path: PropertyKey[], t: (key: string, options?: Record<string, unknown>) => string): string {
  const [head, index, field] = path;
  if (head === 'turns' && typeof index === 'number') return [t('testForm.turnN', { n: index + 1 }), typeof field === 'string' ? t(`testForm.fields.${field}`, { defaultValue: field }) : null].filter(Boolean).join(' › ');
  return typeof head === 'string' ? t(`testForm.fields.${head}`, { defaultValue: head }) : '';
}

/** Edits a test case as a form: per turn what the user says and which replies, intent, node and slots are expected. */
export function TestCaseForm({ initial, title, intents, onClose, onSave, onJson }: {
  initial: TestCase;
  title: string;
  intents: string[];
  onClose(): void;
  onSave(input: TestCase): Promise<void>;
  /** Opens the same case as JSON, for the checks the form does not show. */
  onJson?(): void;
}) {
  const { t } = useTranslation();
  const showError = useApiError();
  const [form] = Form.useForm<FormValues>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const initialValues: FormValues = { name: initial.name, turns: initial.turns.map((turn, i) => ({ ...turnToForm(turn), origin: i })) };

  async function save(values: FormValues) {
    const next = { ...initial, name: values.name.trim(), turns: values.turns.map((turn) => formToTurn(turn, turn.origin === null ? undefined : initial.turns[turn.origin])) };
    const parsed = testCaseSchema.safeParse(next);
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((i) => `${issuePlace(i.path, t)}：${i.message}`).join('；'));
      return;
    }
    setProblem(undefined);
    setSaving(true);
    try {
      await onSave(parsed.data);
    } catch (error) {
      setProblem(showError(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      width={760}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'test-form-save' } as ButtonProps}
      footer={(buttons) => (
        <Space>
          {onJson && <Button type="link" onClick={onJson} data-testid="test-form-json">{t('testForm.asJson')}</Button>}
          {buttons}
        </Space>
      )}
    >
      <Form<FormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void save(v)} data-testid="test-form">
        <Form.Item name="name" label={t('tests.name')} rules={[{ required: true, whitespace: true, message: t('testForm.nameRequired') }]}>
          <Input placeholder={t('tests.namePlaceholder')} data-testid="test-form-name" />
        </Form.Item>
        <Form.List name="turns">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field, index) => (
                <TurnCard key={field.key} name={field.name} index={index} intents={intents} canRemove={fields.length > 1} onRemove={() => remove(field.name)} />
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ ...EMPTY_TURN })} data-testid="test-form-add-turn">
                {t('testForm.addTurn')}
              </Button>
            </Space>
          )}
        </Form.List>
        {problem && <Alert type="error" showIcon style={{ marginTop: 12 }} title={problem} data-testid="test-form-problem" />}
      </Form>
    </Modal>
  );
}

function TurnCard({ name, index, intents, canRemove, onRemove }: { name: number; index: number; intents: string[]; canRemove: boolean; onRemove(): void }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<FormValues>();
  const user = Form.useWatch(['turns', name, 'user'], form);
  return (
    <Card
      size="small"
      title={t('testForm.turnN', { n: index + 1 })}
      data-testid={`test-turn-${index}`}
      extra={canRemove && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('testForm.removeTurn')} data-testid={`test-turn-${index}-remove`} />}
    >
      {user === null ? (
        <Typography.Paragraph>
          <Tag>{t('testForm.systemTurn')}</Tag>
        </Typography.Paragraph>
      ) : (
        <Form.Item name={[name, 'user']} label={t('testForm.user')} rules={[{ required: true, whitespace: true, message: t('testForm.userRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} placeholder={t('testForm.userPlaceholder')} data-testid={`test-turn-${index}-user`} />
        </Form.Item>
      )}
      <Form.Item name={[name, 'replies']} label={t('testForm.replies')} extra={t('testForm.repliesHelp')}>
        <Select mode="tags" open={false} suffixIcon={null} placeholder={t('testForm.repliesPlaceholder')} data-testid={`test-turn-${index}-replies`} />
      </Form.Item>
      <Space style={{ width: '100%' }} align="start">
        {/* An empty intent is "not checked": the select shows its placeholder, and clearing it stores ''. */}
        <Form.Item name={[name, 'intent']} label={t('testForm.intent')} style={{ width: 220 }} getValueProps={(v: string) => ({ value: v || undefined })} normalize={(v: string | undefined) => v ?? ''}>
          <Select allowClear showSearch placeholder={t('testForm.any')} options={intents.map((i) => ({ value: i, label: i }))} data-testid={`test-turn-${index}-intent`} />
        </Form.Item>
        <Form.Item name={[name, 'node']} label={t('testForm.node')} style={{ width: 220 }}>
          <Input placeholder={t('testForm.any')} data-testid={`test-turn-${index}-node`} />
        </Form.Item>
      </Space>
      <Form.List name={[name, 'slots']}>
        {(slots, { add, remove }) => (
          <div>
            <Typography.Text>{t('testForm.slots')}</Typography.Text>
            {slots.map((slot, i) => (
              <Space key={slot.key} style={{ display: 'flex', marginTop: 4 }}>
                <Form.Item name={[slot.name, 'key']} noStyle>
                  <Input placeholder={t('testForm.slotKey')} style={{ width: 160 }} data-testid={`test-turn-${index}-slot-${i}-key`} />
                </Form.Item>
                <Form.Item name={[slot.name, 'value']} noStyle>
                  <Input placeholder={t('testForm.slotValue')} style={{ width: 240 }} data-testid={`test-turn-${index}-slot-${i}-value`} />
                </Form.Item>
                <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => remove(slot.name)} aria-label={t('common.delete')} />
              </Space>
            ))}
            <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ marginTop: 4 }} onClick={() => add({ key: '', value: '' })} data-testid={`test-turn-${index}-add-slot`}>
              {t('testForm.addSlot')}
            </Button>
          </div>
        )}
      </Form.List>
    </Card>
  );
}
