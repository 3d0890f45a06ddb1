import { MESSAGE_RECIPIENTS, RULE_ACTION_TYPES, type RuleAction, type TriggerRuleInput } from '@zhishou/flow-schema';
import { Alert, Button, Card, Input, Radio, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { previewActions } from './templatePreview';

type ActionInput = TriggerRuleInput['actions'][number];

function blankAction(type: RuleAction['type']): ActionInput {
  if (type === 'send_message') return { type, to: 'buyer', template: '' };
  if (type === 'start_flow') return { type, flow: '' };
  return { type, url: 'https://', headers: {} };
}

interface Props {
  rule: TriggerRuleInput;
  flows: string[];
  readOnly: boolean;
  onChange(actions: ActionInput[]): void;
}

/** The rule's actions: message templates with a live preview, flows to start, webhooks to call. */
export function ActionsEditor({ rule, flows, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  const actions = rule.actions;
  const preview = previewActions(rule);
  const set = (index: number, action: ActionInput) => onChange(actions.map((a, i) => (i === index ? action : a)));

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {actions.map((action, index) => {
        const rendered = preview?.[index];
        return (
          <Card
            key={index}
            size="small"
            title={
              <Select
                size="small"
                value={action.type}
                disabled={readOnly}
                style={{ minWidth: 160 }}
                onChange={(type: RuleAction['type']) => set(index, blankAction(type))}
                options={RULE_ACTION_TYPES.map((type) => ({ value: type, label: t(`rules.actionTypes.${type}`) }))}
              />
            }
            extra={
              !readOnly && actions.length > 1 ? (
                <Button size="small" type="link" danger onClick={() => onChange(actions.filter((_, i) => i !== index))}>
                  {t('common.remove')}
                </Button>
              ) : null
            }
          >
            {action.type === 'send_message' && (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Radio.Group
                  value={action.to}
                  disabled={readOnly}
                  onChange={(e) => set(index, { ...action, to: e.target.value as (typeof MESSAGE_RECIPIENTS)[number] })}
                  options={MESSAGE_RECIPIENTS.map((to) => ({ value: to, label: t(`rules.recipients.${to}`) }))}
                />
                <Input.TextArea
                  aria-label={t('rules.template')}
                  data-testid="rule-template"
                  rows={3}
                  disabled={readOnly}
                  value={action.template}
                  placeholder={t('rules.templatePlaceholder')}
                  onChange={(e) => set(index, { ...action, template: e.target.value })}
                />
                <Typography.Text type="secondary">{t('rules.templateHelp')}</Typography.Text>
                {rendered?.type === 'send_message' ? (
                  <Alert type="info" data-testid="template-preview" message={t('rules.previewTo', { to: t(`rules.recipients.${rendered.to}`) })} description={rendered.text} />
                ) : (
                  <Typography.Text type="secondary">{t('rules.previewUnavailable')}</Typography.Text>
                )}
              </Space>
            )}
            {action.type === 'start_flow' && (
              <Select
                style={{ width: '100%' }}
                disabled={readOnly}
                value={action.flow || undefined}
                placeholder={t('rules.pickFlow')}
                onChange={(flow: string) => set(index, { ...action, flow })}
                options={flows.map((f) => ({ value: f, label: f }))}
              />
            )}
            {action.type === 'webhook' && (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input addonBefore="URL" disabled={readOnly} value={action.url} onChange={(e) => set(index, { ...action, url: e.target.value })} />
                <Input.TextArea
                  rows={3}
                  disabled={readOnly}
                  value={action.body ?? ''}
                  placeholder={t('rules.webhookBodyPlaceholder')}
                  onChange={(e) => set(index, { ...action, ...(e.target.value ? { body: e.target.value } : { body: undefined }) })}
                />
                {rendered?.type === 'webhook' && <Typography.Text code style={{ whiteSpace: 'pre-wrap' }}>{rendered.body}</Typography.Text>}
              </Space>
            )}
          </Card>
        );
      })}
      {!readOnly && actions.length < 5 && (
        <Button onClick={() => onChange([...actions, blankAction('send_message')])}>{t('rules.addAction')}</Button>
      )}
    </Space>
  );
}
