import { topLevelConditionSchema, type TopLevelCondition } from '@zhishou/flow-schema';
import { Input, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  value: TopLevelCondition | undefined;
  readOnly: boolean;
  onChange(value: TopLevelCondition | undefined): void;
}

/** The rule's `if`: absent = always fire. Interim JSON field until the shared visual builder lands. */
export function RuleConditionField({ value, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => (value ? JSON.stringify(value, null, 2) : ''));
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Switch
        checked={value !== undefined}
        disabled={readOnly}
        checkedChildren={t('rules.conditionOn')}
        unCheckedChildren={t('rules.conditionOff')}
        onChange={(on) => {
          const next: TopLevelCondition | undefined = on ? { all: [] } : undefined;
          setText(next ? JSON.stringify(next, null, 2) : '');
          onChange(next);
        }}
      />
      {value !== undefined && (
        <>
          <Input.TextArea
            rows={6}
            disabled={readOnly}
            value={text}
            status={error ? 'error' : undefined}
            onChange={(e) => {
              setText(e.target.value);
              try {
                const parsed = topLevelConditionSchema.safeParse(JSON.parse(e.target.value));
                if (parsed.success) {
                  setError(null);
                  onChange(parsed.data);
                } else setError(parsed.error.issues[0]?.message ?? 'invalid');
              } catch (cause) {
                setError(cause instanceof Error ? cause.message : String(cause));
              }
            }}
          />
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
        </>
      )}
    </>
  );
}
