import { AutoComplete, Input, InputNumber, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { askConfigSchema } from '@zhishou/flow-schema';
import { ConfigForm } from '../../forms/ConfigForm';
import { Field, TagsField, TemplateListField } from '../../forms/fields';
import { useFlowNames } from '../common/useFlowNames';
import type { NodePanelProps } from '../types';

export function AskPanel({ node, readOnly, onChange }: NodePanelProps<'ask'>) {
  const { t } = useTranslation();
  const { slots } = useFlowNames();
  return (
    <ConfigForm schema={askConfigSchema} value={node.config} onChange={onChange} readOnly={readOnly} testId="panel-ask">
      <Field name="slot" label={t('nodes.ask.slot')} extra={t('nodes.ask.slotHelp')}>
        <AutoComplete options={slots.map((value) => ({ value }))} data-testid="field-slot" />
      </Field>
      <TemplateListField name="prompt" label={t('nodes.ask.prompt')} testId="field-prompt" />
      <TemplateListField name="reprompt" label={t('nodes.ask.reprompt')} testId="field-reprompt" />
      <TagsField name="quickReplies" label={t('nodes.common.quickReplies')} testId="field-quickReplies" />
      <Field name={['validation', 'regex']} label={t('nodes.ask.regex')}>
        <Input allowClear data-testid="field-regex" />
      </Field>
      <Field name={['validation', 'min']} label={t('nodes.ask.min')}>
        <InputNumber style={{ width: '100%' }} data-testid="field-min" />
      </Field>
      <Field name={['validation', 'max']} label={t('nodes.ask.max')}>
        <InputNumber style={{ width: '100%' }} data-testid="field-max" />
      </Field>
      <Field name="maxAttempts" label={t('nodes.ask.maxAttempts')}>
        <InputNumber style={{ width: '100%' }} data-testid="field-maxAttempts" />
      </Field>
      <Field name="skipIfFilled" label={t('nodes.ask.skipIfFilled')} valuePropName="checked">
        <Switch />
      </Field>
    </ConfigForm>
  );
}
