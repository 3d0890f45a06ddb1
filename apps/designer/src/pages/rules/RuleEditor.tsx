import { durationSchema, idSchema, SUBJECT_KEYS, type RuleIssue, type RuleSetInput, type SubjectKey, type TopLevelCondition, type TriggerRuleInput } from '@zhishou/flow-schema';
import { Alert, AutoComplete, Button, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionsEditor } from './ActionsEditor';
import { RuleConditionField } from './RuleConditionField';
import { eventTypeOptions } from './ruleEdits';

interface Props {
  ruleSet: RuleSetInput;
  rule: TriggerRuleInput;
  /** Id of the rule being edited, undefined for a new one. */
  previousId?: string;
  issues: RuleIssue[];
  flows: string[];
  readOnly: boolean;
  onSave(rule: TriggerRuleInput, previousId?: string): void;
  onClose(): void;
}

const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** One trigger rule: on event → after delay → if condition → unless cancel events → do actions. */
export function RuleEditor({ ruleSet, rule: initial, previousId, issues, flows, readOnly, onSave, onClose }: Props) {
  const { t } = useTranslation();
  const [rule, setRule] = useState<TriggerRuleInput>(initial);
  const patch = (p: Partial<TriggerRuleInput>) => setRule((r) => ({ ...r, ...p }));
  const events = eventTypeOptions(ruleSet).map((value) => ({ value }));

  const idTaken = rule.id !== previousId && ruleSet.rules.some((r) => r.id === rule.id);
  const fieldErrors = {
    id: !idSchema.safeParse(rule.id).success ? t('rules.errors.id') : idTaken ? t('rules.errors.idTaken') : null,
    name: rule.name.trim() ? null : t('rules.errors.name'),
    on: EVENT_TYPE.test(rule.on) ? null : t('rules.errors.eventType'),
    after: rule.after === undefined || durationSchema.safeParse(rule.after).success ? null : t('rules.errors.delay'),
    cancelOn: (rule.cancelOn ?? []).every((e) => EVENT_TYPE.test(e)) ? null : t('rules.errors.eventType'),
  };
  const blocking = Object.values(fieldErrors).some(Boolean);
  const status = (error: string | null) => (error ? ('error' as const) : undefined);

  return (
    <Drawer
      open
      width={720}
      title={previousId ? t('rules.editRule') : t('rules.newRule')}
      onClose={onClose}
      extra={
        !readOnly && (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" data-testid="rule-apply" disabled={blocking} onClick={() => onSave(rule, previousId)}>
              {t('rules.apply')}
            </Button>
          </Space>
        )
      }
    >
      {issues.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('rules.ruleIssues')} description={<ul style={{ margin: 0, paddingLeft: 18 }}>{issues.map((i) => <li key={`${i.path}-${i.code}`}>{i.message}</li>)}</ul>} />
      )}
      <Form layout="vertical" disabled={readOnly}>
        <Space style={{ width: '100%' }} align="start">
          <Form.Item label={t('rules.id')} validateStatus={status(fieldErrors.id)} help={fieldErrors.id}>
            <Input aria-label={t('rules.id')} value={rule.id} onChange={(e) => patch({ id: e.target.value })} />
          </Form.Item>
          <Form.Item label={t('common.name')} validateStatus={status(fieldErrors.name)} help={fieldErrors.name} style={{ flex: 1, minWidth: 320 }}>
            <Input aria-label={t('common.name')} data-testid="rule-name" value={rule.name} onChange={(e) => patch({ name: e.target.value })} />
          </Form.Item>
          <Form.Item label={t('rules.enabled')}>
            <Switch checked={rule.enabled ?? true} onChange={(enabled) => patch({ enabled })} />
          </Form.Item>
        </Space>
        <Form.Item label={t('common.description')}>
          <Input value={rule.description ?? ''} onChange={(e) => patch({ description: e.target.value })} />
        </Form.Item>
        <Space style={{ width: '100%' }} align="start">
          <Form.Item label={t('rules.on')} validateStatus={status(fieldErrors.on)} help={fieldErrors.on}>
            <AutoComplete aria-label={t('rules.on')} data-testid="rule-on" style={{ width: 240 }} options={events} value={rule.on} onChange={(on: string) => patch({ on })} />
          </Form.Item>
          <Form.Item label={t('rules.after')} validateStatus={status(fieldErrors.after)} help={fieldErrors.after ?? t('rules.afterHelp')}>
            <Input
              aria-label={t('rules.after')}
              data-testid="rule-after"
              style={{ width: 160 }}
              placeholder="48h"
              value={rule.after === undefined ? '' : String(rule.after)}
              onChange={(e) => patch({ after: e.target.value.trim() ? (e.target.value.trim() as TriggerRuleInput['after']) : undefined })}
            />
          </Form.Item>
          <Form.Item label={t('rules.subjectKeys')} help={t('rules.subjectKeysHelp')}>
            <Select<SubjectKey[]>
              mode="multiple"
              style={{ minWidth: 220 }}
              value={rule.subjectKeys ?? ['orderId']}
              onChange={(subjectKeys) => patch({ subjectKeys: subjectKeys.length ? subjectKeys : ['orderId'] })}
              options={SUBJECT_KEYS.map((k) => ({ value: k, label: k }))}
            />
          </Form.Item>
        </Space>
        <Form.Item label={t('rules.condition')}>
          <RuleConditionField value={rule.if as TopLevelCondition | undefined} readOnly={readOnly} onChange={(condition) => patch({ if: condition })} />
        </Form.Item>
        <Form.Item label={t('rules.cancelOn')} validateStatus={status(fieldErrors.cancelOn)} help={fieldErrors.cancelOn ?? t('rules.cancelOnHelp')}>
          <Select
            mode="tags"
            aria-label={t('rules.cancelOn')}
            data-testid="rule-cancel-on"
            value={rule.cancelOn ?? []}
            options={events}
            onChange={(cancelOn: string[]) => patch({ cancelOn })}
          />
        </Form.Item>
        <Form.Item label={t('rules.actions')}>
          <ActionsEditor rule={rule} flows={flows} readOnly={readOnly} onChange={(actions) => patch({ actions })} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
