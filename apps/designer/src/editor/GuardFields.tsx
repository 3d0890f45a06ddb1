import { AutoComplete, Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { EMOTIONS, GUARD_TYPES, type GuardType } from '@zhishou/flow-schema';
import { ConditionBuilder } from '../components/condition-builder';
import { Field } from '../forms/fields';
import { useFlowNames } from '../nodes/common/useFlowNames';
import { useSlotPaths } from '../nodes/common/useSlotPaths';
import { useEditor } from '../store/context';

type Name = Array<string | number>;

/**
 * Fields of one guard (`intent` with confidence, `emotion`, `condition`, `slot_filled`, `default`),
 * under `name` in the enclosing ConfigForm; `fullName` is the absolute path for the schema rules.
 */
export function GuardFields({ name, fullName = name, allowDefault = true, readOnly, testId = 'guard' }: { name: Name; fullName?: Name; allowDefault?: boolean; readOnly: boolean; testId?: string }) {
  const { t } = useTranslation();
  const intents = useEditor((s) => s.bot.intents);
  const { slots } = useFlowNames();
  const paths = useSlotPaths();
  const types = GUARD_TYPES.filter((type) => allowDefault || type !== 'default');
  return (
    <>
      <Field name={[...name, 'type']} fullName={[...fullName, 'type']} label={t('guards.type')}>
        <Select<GuardType> options={types.map((value) => ({ value, label: t(`guards.types.${value}`) }))} data-testid={`${testId}-type`} />
      </Field>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => {
          // getFieldValue takes the form's absolute path; `name` is relative inside a Form.List.
          const type = getFieldValue([...fullName, 'type']) as GuardType | undefined;
          switch (type) {
            case 'intent':
              return (
                <>
                  <Field name={[...name, 'intents']} fullName={[...fullName, 'intents']} label={t('guards.intents')}>
                    <Select mode="tags" options={intents.map((value) => ({ value }))} data-testid={`${testId}-intents`} />
                  </Field>
                  <Field name={[...name, 'minConfidence']} fullName={[...fullName, 'minConfidence']} label={t('guards.minConfidence')} extra={t('guards.minConfidenceHelp')}>
                    <InputNumber step={0.05} style={{ width: '100%' }} data-testid={`${testId}-minConfidence`} />
                  </Field>
                </>
              );
            case 'emotion':
              return (
                <>
                  <Field name={[...name, 'emotions']} fullName={[...fullName, 'emotions']} label={t('guards.emotions')}>
                    <Select mode="multiple" options={EMOTIONS.map((value) => ({ value, label: t(`emotions.${value}`) }))} data-testid={`${testId}-emotions`} />
                  </Field>
                  <Field name={[...name, 'minScore']} fullName={[...fullName, 'minScore']} label={t('guards.minScore')}>
                    <InputNumber step={0.05} style={{ width: '100%' }} />
                  </Field>
                </>
              );
            case 'condition':
              return (
                <Field name={[...name, 'condition']} fullName={[...fullName, 'condition']} label={t('guards.condition')}>
                  <ConditionBuilder paths={paths} disabled={readOnly} testId={`${testId}-condition`} />
                </Field>
              );
            case 'slot_filled':
              return (
                <Field name={[...name, 'slot']} fullName={[...fullName, 'slot']} label={t('guards.slot')}>
                  <AutoComplete options={slots.map((value) => ({ value }))} data-testid={`${testId}-slot`} />
                </Field>
              );
            default:
              return <div style={{ color: '#8c8c8c', marginBottom: 12 }}>{t('guards.defaultHelp')}</div>;
          }
        }}
      </Form.Item>
    </>
  );
}

/** Missing fields of the newly chosen guard type start empty (so the schema says what to fill). */
export function normaliseGuard(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const guard = raw as Record<string, unknown>;
  switch (guard.type) {
    case 'intent':
      return { type: 'intent', intents: guard.intents ?? [], ...(guard.minConfidence == null ? {} : { minConfidence: guard.minConfidence }) };
    case 'emotion':
      return { type: 'emotion', emotions: guard.emotions ?? [], ...(guard.minScore == null ? {} : { minScore: guard.minScore }) };
    case 'condition':
      return { type: 'condition', condition: guard.condition ?? { all: [] } };
    case 'slot_filled':
      return { type: 'slot_filled', slot: guard.slot ?? '' };
    default:
      return { type: guard.type };
  }
}
