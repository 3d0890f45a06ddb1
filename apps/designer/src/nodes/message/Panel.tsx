import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { messageConfigSchema } from '@zhishou/flow-schema';
import { ConfigForm } from '../../forms/ConfigForm';
import { Field, TagsField, TemplateListField } from '../../forms/fields';
import type { NodePanelProps } from '../types';

export function MessagePanel({ node, readOnly, onChange }: NodePanelProps<'message'>) {
  const { t } = useTranslation();
  return (
    <ConfigForm schema={messageConfigSchema} value={node.config} onChange={onChange} readOnly={readOnly} testId="panel-message">
      <TemplateListField name="variants" label={t('nodes.message.variants')} testId="field-variants" />
      <TagsField name="quickReplies" label={t('nodes.common.quickReplies')} testId="field-quickReplies" />
      <Field name="imageUrl" label={t('nodes.message.imageUrl')}>
        <Input allowClear data-testid="field-imageUrl" />
      </Field>
    </ConfigForm>
  );
}
