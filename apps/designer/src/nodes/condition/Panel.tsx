import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { conditionConfigSchema } from '@zhishou/flow-schema';
import { ConditionBuilder } from '../../components/condition-builder';
import { ConfigForm } from '../../forms/ConfigForm';
import { Field } from '../../forms/fields';
import { useSlotPaths } from '../common/useSlotPaths';
import type { NodePanelProps } from '../types';

export function ConditionPanel({ node, readOnly, onChange }: NodePanelProps<'condition'>) {
  const { t } = useTranslation();
  const paths = useSlotPaths();
  return (
    <ConfigForm schema={conditionConfigSchema} value={node.config} onChange={onChange} readOnly={readOnly} testId="panel-condition">
      <Typography.Paragraph type="secondary">{t('nodes.condition.help')}</Typography.Paragraph>
      <Field name="condition" label={t('nodes.condition.condition')}>
        <ConditionBuilder paths={paths} disabled={readOnly} testId="field-condition" />
      </Field>
    </ConfigForm>
  );
}
