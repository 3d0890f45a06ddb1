import { Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { faqConfigSchema } from '@zhishou/flow-schema';
import { ConfigForm } from '../../forms/ConfigForm';
import { Field } from '../../forms/fields';
import type { NodePanelProps } from '../types';

const faqFromForm = (form: { threshold: number; saveAs?: string }): unknown => ({ ...form, saveAs: form.saveAs ? form.saveAs : undefined });

export function FaqPanel({ node, readOnly, onChange }: NodePanelProps<'faq'>) {
  const { t } = useTranslation();
  return (
    <ConfigForm schema={faqConfigSchema} value={node.config} onChange={onChange} readOnly={readOnly} fromForm={faqFromForm} testId="panel-faq">
      <Field name="threshold" label={t('nodes.faq.threshold')} extra={t('nodes.faq.thresholdHelp')}>
        <InputNumber step={0.05} style={{ width: '100%' }} data-testid="field-threshold" />
      </Field>
      <Field name="saveAs" label={t('nodes.common.saveAs')}>
        <Input allowClear data-testid="field-saveAs" />
      </Field>
    </ConfigForm>
  );
}
