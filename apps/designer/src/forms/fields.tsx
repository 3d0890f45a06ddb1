import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Select, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSchemaRule } from './ConfigForm';
import { TemplateInput } from './TemplateInput';

type Name = ReadonlyArray<string | number>;

interface FieldProps {
  /** Name relative to the enclosing Form.List, or absolute. */
  name: Name | string;
  /** Absolute path in the value (for the schema rule) when inside a Form.List. */
  fullName?: Name;
  label?: ReactNode;
  extra?: ReactNode;
  valuePropName?: string;
  testId?: string;
  children: ReactNode;
}

/** A Form.Item whose errors come from the form's zod schema. */
export function Field({ name, fullName, label, extra, valuePropName, testId, children }: FieldProps) {
  const path = typeof name === 'string' ? [name] : name;
  const rule = useSchemaRule(fullName ?? path);
  return (
    <Form.Item name={path as (string | number)[]} label={label} extra={extra} valuePropName={valuePropName} rules={[rule]} data-testid={testId}>
      {children}
    </Form.Item>
  );
}

/** A list of template texts (message variants, prompts): at least `min` entries when min > 0. */
export function TemplateListField({ name, label, testId, rows = 2 }: { name: string | string[]; label: ReactNode; testId: string; rows?: number }) {
  const { t } = useTranslation();
  const path = typeof name === 'string' ? [name] : name;
  return (
    <Form.Item label={label} required={false}>
      <Form.List name={path}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="start" style={{ display: 'flex' }}>
                <div style={{ flex: 1, minWidth: 220 }}>
                  <Field name={[field.name]} fullName={[...path, field.name]}>
                    <TemplateInput rows={rows} data-testid={`${testId}-${index}`} />
                  </Field>
                </div>
                <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} style={{ marginTop: 8 }} />
              </Space>
            ))}
            <Button type="dashed" size="small" onClick={() => add('')} icon={<PlusOutlined />} data-testid={`${testId}-add`}>
              {t('common.add')}
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** Free-form tags (quick replies). */
export function TagsField({ name, label, testId, options = [] }: { name: string; label: ReactNode; testId: string; options?: readonly string[] }) {
  return (
    <Field name={name} label={label}>
      <Select mode="tags" tokenSeparators={[',', '，']} options={options.map((value) => ({ value, label: value }))} data-testid={testId} />
    </Field>
  );
}
