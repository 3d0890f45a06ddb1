import { Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { waitConfigSchema, type NodeConfig } from '@zhishou/flow-schema';
import { ConfigForm } from '../../forms/ConfigForm';
import { Field } from '../../forms/fields';
import type { NodePanelProps } from '../types';

type WaitForm = { delay: string };
const waitToForm = (config: NodeConfig<'wait'>): WaitForm => ({ delay: String(config.delay) });
/** Plain digits are milliseconds (the schema's number form); otherwise "30s", "5m", "48h", "7d". */
const waitFromForm = (form: WaitForm): unknown => ({ delay: /^\d+$/.test(form.delay ?? '') ? Number(form.delay) : form.delay });

export function WaitPanel({ node, readOnly, onChange }: NodePanelProps<'wait'>) {
  const { t } = useTranslation();
  return (
    <ConfigForm<NodeConfig<'wait'>, WaitForm> schema={waitConfigSchema} value={node.config} onChange={onChange} readOnly={readOnly} toForm={waitToForm} fromForm={waitFromForm} testId="panel-wait">
      <Typography.Paragraph type="secondary">{t('nodes.wait.help')}</Typography.Paragraph>
      <Field name="delay" label={t('nodes.wait.delay')} extra={t('nodes.wait.delayHelp')}>
        <Input data-testid="field-delay" />
      </Field>
    </ConfigForm>
  );
}
