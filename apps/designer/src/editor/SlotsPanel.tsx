import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Form, Input, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ENTITY_KINDS, slotDeclarationSchema, variableDeclarationSchema } from '@zhishou/flow-schema';
import { formatValue, parseValueText } from '../components/condition-builder';
import { ConfigForm } from '../forms/ConfigForm';
import { Field } from '../forms/fields';
import { useEditor } from '../store/context';

const declarationsSchema = z
  .object({ slots: z.array(slotDeclarationSchema), variables: z.array(variableDeclarationSchema) })
  .superRefine((value, ctx) => {
    // Keys are how templates refer to them: two with the same key would be ambiguous.
    const seen = new Set<string>();
    value.slots.forEach((slot, i) => {
      if (seen.has(slot.key)) ctx.addIssue({ code: 'custom', path: ['slots', i, 'key'], message: 'duplicate' });
      seen.add(slot.key);
    });
    const vars = new Set<string>();
    value.variables.forEach((v, i) => {
      if (vars.has(v.key)) ctx.addIssue({ code: 'custom', path: ['variables', i, 'key'], message: 'duplicate' });
      vars.add(v.key);
    });
  });
type Declarations = z.infer<typeof declarationsSchema>;
type DeclarationsForm = { slots: Declarations['slots']; variables: Array<{ key: string; name?: string; default: string }> };

const toForm = (value: Declarations): DeclarationsForm => ({
  slots: value.slots,
  variables: value.variables.map((v) => ({ key: v.key, name: v.name, default: v.default === undefined ? '' : formatValue(v.default) })),
});
const fromForm = (form: DeclarationsForm): unknown => ({
  slots: (form.slots ?? []).map((s) => ({ ...s, name: s?.name ? s.name : undefined })),
  variables: (form.variables ?? []).map((v) => ({
    key: v?.key,
    ...(v?.name ? { name: v.name } : {}),
    ...(v?.default === undefined || v.default === '' ? {} : { default: parseValueText(v.default) }),
  })),
});

/** Slots (filled from the conversation by ask nodes) and variables (set by set/http/image nodes). */
export function SlotsPanel() {
  const { t } = useTranslation();
  const slots = useEditor((s) => s.doc.slots);
  const variables = useEditor((s) => s.doc.variables);
  const slotTypes = useEditor((s) => s.bot.slotTypes);
  const readOnly = useEditor((s) => s.meta.readOnly);
  const setDeclarations = useEditor((s) => s.setDeclarations);
  const value = useMemo(() => ({ slots, variables }), [slots, variables]);
  // Built-in kinds by their names, then the bot's own slot types (NLU), each once, labelled in words.
  const kinds: readonly string[] = ENTITY_KINDS;
  const typeOptions = [
    ...ENTITY_KINDS.map((value) => ({ value, label: `${t(`nlu.kinds.${value}`)}（${value}）` })),
    ...[...new Set(slotTypes)].filter((value) => !kinds.includes(value)).map((value) => ({ value, label: t('slots.nluType', { key: value }) })),
  ];
  return (
    <ConfigForm<Declarations, DeclarationsForm> schema={declarationsSchema} value={value} toForm={toForm} fromForm={fromForm} readOnly={readOnly} onChange={(next) => setDeclarations(next.slots, next.variables)} testId="slots-panel">
      <Typography.Title level={5}>{t('slots.slots')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('slots.slotsHelp')}</Typography.Paragraph>
      <Form.List name="slots">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="start" wrap>
                <Field name={[field.name, 'key']} fullName={['slots', field.name, 'key']}>
                  <Input placeholder={t('common.key')} style={{ width: 100 }} data-testid={`slot-${index}-key`} />
                </Field>
                <Field name={[field.name, 'type']} fullName={['slots', field.name, 'type']}>
                  <AutoComplete placeholder={t('slots.type')} style={{ width: 100 }} popupMatchSelectWidth={false} options={typeOptions} data-testid={`slot-${index}-type`} />
                </Field>
                <Field name={[field.name, 'name']} fullName={['slots', field.name, 'name']}>
                  <Input placeholder={t('common.name')} style={{ width: 90 }} />
                </Field>
                <MinusCircleOutlined onClick={() => remove(field.name)} style={{ marginTop: 8 }} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', type: 'text' })} data-testid="slot-add">{t('slots.addSlot')}</Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('slots.variables')}</Typography.Title>
      <Form.List name="variables">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="start" wrap>
                <Field name={[field.name, 'key']} fullName={['variables', field.name, 'key']}>
                  <Input placeholder={t('common.key')} style={{ width: 100 }} data-testid={`var-${index}-key`} />
                </Field>
                <Field name={[field.name, 'default']} fullName={['variables', field.name, 'default']}>
                  <Input placeholder={t('slots.default')} style={{ width: 100 }} />
                </Field>
                <Field name={[field.name, 'name']} fullName={['variables', field.name, 'name']}>
                  <Input placeholder={t('common.name')} style={{ width: 90 }} />
                </Field>
                <MinusCircleOutlined onClick={() => remove(field.name)} style={{ marginTop: 8 }} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', default: '' })} data-testid="var-add">{t('slots.addVariable')}</Button>
          </>
        )}
      </Form.List>
    </ConfigForm>
  );
}
