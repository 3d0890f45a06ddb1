import { Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { HANDOFF_PRIORITIES, handoffConfigSchema } from '@zhishou/flow-schema';
import { ConfigForm } from '../../forms/ConfigForm';
import { Field, TemplateListField } from '../../forms/fields';
import { TemplateInput } from '../../forms/TemplateInput';
import type { NodePanelProps } from '../types';

const handoffFromForm = (form: Record<string, unknown>): unknown => ({ ...form, reason: form.reason ? form.reason : undefined });

export function HandoffPanel({ node, readOnly, onChange }: NodePanelProps<'handoff'>) {
  const { t } = useTranslation();
  return (
    <ConfigForm schema={handoffConfigSchema} value={node.config} onChange={onChange} readOnly={readOnly} fromForm={handoffFromForm} testId="panel-handoff">
      <Field name="queue" label={t('nodes.handoff.queue')}>
        <Input data-testid="field-queue" />
      </Field>
      <Field name="priority" label={t('nodes.handoff.priority')}>
        <Select options={HANDOFF_PRIORITIES.map((value) => ({ value, label: t(`nodes.handoff.priorities.${value}`) }))} data-testid="field-priority" />
      </Field>
      <TemplateListField name="message" label={t('nodes.handoff.message')} testId="field-message" />
      <Field name="reason" label={t('nodes.handoff.reason')}>
        <TemplateInput data-testid="field-reason" />
      </Field>
    </ConfigForm>
  );
}
