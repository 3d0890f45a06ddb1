import { Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { imageConfigSchema } from '@zhishou/flow-schema';
import { ConfigForm } from '../../forms/ConfigForm';
import { Field } from '../../forms/fields';
import type { NodePanelProps } from '../types';

export function ImagePanel({ node, readOnly, onChange }: NodePanelProps<'image'>) {
  const { t } = useTranslation();
  return (
    <ConfigForm schema={imageConfigSchema} value={node.config} onChange={onChange} readOnly={readOnly} testId="panel-image">
      <Typography.Paragraph type="secondary">{t('nodes.image.help')}</Typography.Paragraph>
      <Field name="saveAs" label={t('nodes.common.saveAs')}>
        <Input data-testid="field-saveAs" />
      </Field>
    </ConfigForm>
  );
}
