import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { listenConfigSchema } from '@zhishou/flow-schema';
import { ConfigForm } from '../../forms/ConfigForm';
import { TagsField, TemplateListField } from '../../forms/fields';
import type { NodePanelProps } from '../types';

export function ListenPanel({ node, readOnly, onChange }: NodePanelProps<'listen'>) {
  const { t } = useTranslation();
  return (
    <ConfigForm schema={listenConfigSchema} value={node.config} onChange={onChange} readOnly={readOnly} testId="panel-listen">
      <Typography.Paragraph type="secondary">{t('nodes.listen.help')}</Typography.Paragraph>
      <TemplateListField name="prompt" label={t('nodes.listen.prompt')} testId="field-prompt" />
      <TagsField name="quickReplies" label={t('nodes.common.quickReplies')} testId="field-quickReplies" />
      <TemplateListField name="noMatch" label={t('nodes.listen.noMatch')} testId="field-noMatch" />
    </ConfigForm>
  );
}
