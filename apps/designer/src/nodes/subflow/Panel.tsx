import { AutoComplete, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { subflowConfigSchema } from '@zhishou/flow-schema';
import { ConfigForm } from '../../forms/ConfigForm';
import { Field } from '../../forms/fields';
import { useEditor } from '../../store/context';
import type { NodePanelProps } from '../types';

export function SubflowPanel({ node, readOnly, onChange }: NodePanelProps<'subflow'>) {
  const { t } = useTranslation();
  const flowKeys = useEditor((s) => s.bot.flowKeys);
  return (
    <ConfigForm schema={subflowConfigSchema} value={node.config} onChange={onChange} readOnly={readOnly} testId="panel-subflow">
      <Typography.Paragraph type="secondary">{t('nodes.subflow.help')}</Typography.Paragraph>
      <Field name="flow" label={t('nodes.subflow.flow')}>
        <AutoComplete options={flowKeys.map((value) => ({ value }))} data-testid="field-flow" />
      </Field>
    </ConfigForm>
  );
}
