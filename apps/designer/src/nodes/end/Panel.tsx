import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { END_OUTCOMES, endConfigSchema } from '@zhishou/flow-schema';
import { ConfigForm } from '../../forms/ConfigForm';
import { Field, TemplateListField } from '../../forms/fields';
import type { NodePanelProps } from '../types';

export function EndPanel({ node, readOnly, onChange }: NodePanelProps<'end'>) {
  const { t } = useTranslation();
  return (
    <ConfigForm schema={endConfigSchema} value={node.config} onChange={onChange} readOnly={readOnly} testId="panel-end">
      <Field name="outcome" label={t('nodes.end.outcome')}>
        <Select options={END_OUTCOMES.map((value) => ({ value, label: t(`nodes.end.outcomes.${value}`) }))} data-testid="field-outcome" />
      </Field>
      <TemplateListField name="message" label={t('nodes.end.message')} testId="field-message" />
    </ConfigForm>
  );
}
