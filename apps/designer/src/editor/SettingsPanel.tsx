import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Form, Input, InputNumber, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { flowSchema, flowSettingsSchema, type FlowSettings } from '@zhishou/flow-schema';
import { ConfigForm } from '../forms/ConfigForm';
import { Field, TemplateListField } from '../forms/fields';
import { useEditor } from '../store/context';
import { nextId } from '../store/document/ids';
import { GuardFields, normaliseGuard } from './GuardFields';

const settingsEditSchema = z.object({ name: flowSchema.shape.name, description: z.string().optional(), settings: flowSettingsSchema });
type SettingsEdit = z.infer<typeof settingsEditSchema>;

type TransitionForm = FlowSettings['globalTransitions'][number] & { targetType: 'node' | 'flow'; targetNode?: string; targetFlow?: string };
type SettingsForm = Omit<SettingsEdit, 'settings'> & { settings: Omit<FlowSettings, 'globalTransitions'> & { globalTransitions: TransitionForm[] } };

const toForm = (value: SettingsEdit): SettingsForm => ({
  ...value,
  settings: {
    ...value.settings,
    globalTransitions: value.settings.globalTransitions.map((g) => ({
      ...g,
      targetType: 'flow' in g.target ? 'flow' : 'node',
      ...('node' in g.target ? { targetNode: g.target.node } : { targetFlow: g.target.flow }),
    })),
  },
});

const fromForm = (form: SettingsForm): unknown => ({
  name: form.name,
  description: form.description ? form.description : undefined,
  settings: {
    ...form.settings,
    globalTransitions: (form.settings.globalTransitions ?? []).map(({ targetType, targetNode, targetFlow, ...g }) => ({
      ...g,
      name: g.name ? g.name : undefined,
      guard: normaliseGuard(g.guard),
      target: targetType === 'flow' ? { flow: targetFlow ?? '' } : { node: targetNode ?? '' },
    })),
  },
});

/** Flow name and settings: global transitions (from any waiting node), confidence, loop guard, fallback. */
export function SettingsPanel() {
  const { t } = useTranslation();
  const doc = useEditor((s) => s.doc);
  const readOnly = useEditor((s) => s.meta.readOnly);
  const flowKeys = useEditor((s) => s.bot.flowKeys);
  const botIntents = useEditor((s) => s.bot.intents);
  const setSettings = useEditor((s) => s.setSettings);
  const setFlowMeta = useEditor((s) => s.setFlowMeta);
  const value = useMemo<SettingsEdit>(() => ({ name: doc.name, description: doc.description, settings: doc.settings }), [doc.name, doc.description, doc.settings]);
  const nodeOptions = doc.nodes.map((n) => ({ value: n.id, label: n.name ? `${n.name} (${n.id})` : n.id }));
  const onChange = (next: SettingsEdit) => {
    if (next.name !== doc.name || next.description !== doc.description) setFlowMeta({ name: next.name, description: next.description });
    setSettings(next.settings);
  };
  return (
    <ConfigForm<SettingsEdit, SettingsForm> schema={settingsEditSchema} value={value} onChange={onChange} toForm={toForm} fromForm={fromForm} readOnly={readOnly} testId="settings-panel">
      <Field name="name" label={t('common.name')}>
        <Input data-testid="flow-name-input" />
      </Field>
      <Field name="description" label={t('common.description')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
      </Field>
      <Field name={['settings', 'minConfidence']} label={t('settings.flow.minConfidence')}>
        <InputNumber step={0.05} style={{ width: '100%' }} data-testid="field-minConfidence" />
      </Field>
      <Field name={['settings', 'maxStepsPerTurn']} label={t('settings.flow.maxSteps')}>
        <InputNumber style={{ width: '100%' }} />
      </Field>
      <TemplateListField name={['settings', 'fallback']} label={t('settings.flow.fallback')} testId="field-fallback" />
      <Form.Item label={t('settings.flow.globalTransitions')} extra={t('settings.flow.globalHelp')}>
        <Form.List name={['settings', 'globalTransitions']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card key={field.key} size="small" style={{ marginBottom: 8 }} data-testid={`global-${index}`}
                  extra={!readOnly && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />}>
                  <Field name={[field.name, 'name']} fullName={['settings', 'globalTransitions', field.name, 'name']} label={t('common.name')}>
                    <Input />
                  </Field>
                  <GuardFields name={[field.name, 'guard']} fullName={['settings', 'globalTransitions', field.name, 'guard']} allowDefault={false} readOnly={readOnly} testId={`global-${index}-guard`} />
                  <Form.Item name={[field.name, 'targetType']} label={t('settings.flow.target')}>
                    <Select options={[{ value: 'node', label: t('settings.flow.targetNode') }, { value: 'flow', label: t('settings.flow.targetFlow') }]} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {({ getFieldValue }) =>
                      getFieldValue(['settings', 'globalTransitions', field.name, 'targetType']) === 'flow' ? (
                        <Field name={[field.name, 'targetFlow']} fullName={['settings', 'globalTransitions', field.name, 'target', 'flow']} label={t('settings.flow.targetFlow')}>
                          <AutoComplete options={flowKeys.map((v) => ({ value: v }))} />
                        </Field>
                      ) : (
                        <Field name={[field.name, 'targetNode']} fullName={['settings', 'globalTransitions', field.name, 'target', 'node']} label={t('settings.flow.targetNode')}>
                          <Select showSearch options={nodeOptions} data-testid={`global-${index}-node`} />
                        </Field>
                      )
                    }
                  </Form.Item>
                  <Field name={[field.name, 'priority']} fullName={['settings', 'globalTransitions', field.name, 'priority']} label={t('guards.priority')}>
                    <InputNumber style={{ width: '100%' }} />
                  </Field>
                </Card>
              ))}
              {!readOnly && (
                <Button
                  size="small"
                  type="dashed"
                  icon={<PlusOutlined />}
                  data-testid="global-add"
                  onClick={() =>
                    add({
                      id: nextId('g', new Set(doc.settings.globalTransitions.map((g) => g.id))),
                      // Valid from the start when the bot has intents (转人工 if it has one); otherwise the field asks for one.
                      guard: { type: 'intent', intents: botIntents.includes('request_human') ? ['request_human'] : botIntents.slice(0, 1) },
                      targetType: 'node',
                      targetNode: doc.nodes.find((n) => n.kind === 'handoff')?.id,
                      priority: 0,
                    })
                  }
                >
                  {t('common.add')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form.Item>
    </ConfigForm>
  );
}
