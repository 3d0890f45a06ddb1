import { Alert, Form, type FormInstance } from 'antd';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { describeIssuePath, describeZodIssue, issuePath } from './zodIssues';

/**
 * An antd Form over a zod-validated value. Every change is parsed with the schema: a valid value is
 * handed to `onChange` (and so saved); an invalid one is NOT — its issues show at the fields (see
 * `useSchemaRule`) and in a banner, so nothing wrong is ever saved silently.
 */
interface SchemaContext {
  validate(): z.core.$ZodIssue[];
}
const ConfigFormContext = createContext<SchemaContext | null>(null);

export interface ConfigFormProps<V, F> {
  schema: z.ZodType<V>;
  value: V;
  onChange(value: V): void;
  readOnly?: boolean;
  /** Converts the value into the form's shape and back, when they differ (default: identity). */
  toForm?: (value: V) => F;
  fromForm?: (form: F) => unknown;
  children: ReactNode;
  testId?: string;
}

function identity<T>(value: T): T {
  return value;
}

export function ConfigForm<V, F = V>({ schema, value, onChange, readOnly, toForm, fromForm, children, testId }: ConfigFormProps<V, F>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<F>();
  const [issues, setIssues] = useState<z.core.$ZodIssue[]>([]);
  const lastEmitted = useRef<V | null>(null);
  const toFormFn = useMemo(() => toForm ?? (identity as (v: V) => F), [toForm]);
  const fromFormFn = useMemo(() => fromForm ?? (identity as (f: F) => unknown), [fromForm]);

  // An outside change (undo, another panel) resets the form; our own emitted value does not.
  useEffect(() => {
    if (value === lastEmitted.current) return;
    form.setFieldsValue(toFormFn(value) as Parameters<FormInstance<F>['setFieldsValue']>[0]);
    setIssues([]);
  }, [value, form, toFormFn]);

  const context = useMemo<SchemaContext>(
    () => ({
      validate: () => {
        const parsed = schema.safeParse(fromFormFn(form.getFieldsValue(true) as F));
        return parsed.success ? [] : parsed.error.issues;
      },
    }),
    [schema, form, fromFormFn],
  );

  const handleChange = () => {
    const parsed = schema.safeParse(fromFormFn(form.getFieldsValue(true) as F));
    if (parsed.success) {
      setIssues([]);
      lastEmitted.current = parsed.data;
      onChange(parsed.data);
    } else {
      setIssues(parsed.error.issues);
    }
    // Re-run every field's rule: a change in one field can fix or break another.
    void form.validateFields({ recursive: true }).catch(() => undefined);
  };

  return (
    <ConfigFormContext.Provider value={context}>
      <Form<F>
        form={form}
        layout="vertical"
        size="small"
        disabled={readOnly}
        initialValues={toFormFn(value) as Record<string, unknown>}
        onValuesChange={handleChange}
        data-testid={testId}
      >
        {children}
        {issues.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="panel-invalid"
            title={t('form.notSaved')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                {issues.map((issue, i) => (
                  <li key={i}>{issue.path.length > 0 ? `${describeIssuePath(issue.path, t)}：` : ''}{describeZodIssue(issue, t)}</li>
                ))}
              </ul>
            }
          />
        )}
      </Form>
    </ConfigFormContext.Provider>
  );
}

/** A Form.Item rule that shows the schema's issues for this field (and everything under it). */
export function useSchemaRule(name: ReadonlyArray<string | number>) {
  const context = useContext(ConfigFormContext);
  const { t } = useTranslation();
  const prefix = name.map(String).join('.');
  return {
    validator: async () => {
      if (!context) return;
      const mine = context.validate().filter((issue) => {
        const path = issuePath(issue);
        return path === prefix || path.startsWith(`${prefix}.`);
      });
      if (mine.length > 0) throw new Error(mine.map((issue) => describeZodIssue(issue, t)).join('; '));
    },
  };
}
