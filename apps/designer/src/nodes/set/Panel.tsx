import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { setConfigSchema, type NodeConfig } from '@zhishou/flow-schema';
import { formatValue, parseValueText } from '../../components/condition-builder';
import { ConfigForm } from '../../forms/ConfigForm';
import { Field } from '../../forms/fields';
import { useFlowNames } from '../common/useFlowNames';
import type { NodePanelProps } from '../types';

type SetConfig = NodeConfig<'set'>;
type Assignment = SetConfig['assignments'][number];
/** Values are typed as text (JSON when it parses, a template string otherwise). */
type SetForm = { assignments: Array<Omit<Assignment, 'value'> & { value: string }> };

export const setToForm = (config: SetConfig): SetForm => ({
  assignments: config.assignments.map((a) => ({ ...a, value: formatValue(a.value) })),
});
export const setFromForm = (form: SetForm): unknown => ({
  assignments: (form.assignments ?? []).map((a) => ({ ...a, value: parseValueText(a?.value ?? '') })),
});

export function SetPanel({ node, readOnly, onChange }: NodePanelProps<'set'>) {
  const { t } = useTranslation();
  const { slots, vars } = useFlowNames();
  return (
    <ConfigForm<SetConfig, SetForm> schema={setConfigSchema} value={node.config} onChange={onChange} readOnly={readOnly} toForm={setToForm} fromForm={setFromForm} testId="panel-set">
      <Form.List name="assignments">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="start" wrap style={{ marginBottom: 8 }}>
                <Field name={[field.name, 'scope']} fullName={['assignments', field.name, 'scope']}>
                  <Select style={{ width: 80 }} options={[{ value: 'vars', label: t('nodes.set.vars') }, { value: 'slots', label: t('nodes.set.slots') }]} />
                </Field>
                <Field name={[field.name, 'key']} fullName={['assignments', field.name, 'key']}>
                  <AutoComplete style={{ width: 110 }} options={[...vars, ...slots].map((value) => ({ value }))} placeholder={t('common.key')} data-testid={`field-assignment-${index}-key`} />
                </Field>
                <Field name={[field.name, 'op']} fullName={['assignments', field.name, 'op']}>
                  <Select style={{ width: 90 }} options={(['set', 'increment', 'clear'] as const).map((value) => ({ value, label: t(`nodes.set.ops.${value}`) }))} />
                </Field>
                <Field name={[field.name, 'value']} fullName={['assignments', field.name, 'value']}>
                  <Input style={{ width: 120 }} placeholder={t('nodes.set.value')} data-testid={`field-assignment-${index}-value`} />
                </Field>
                <MinusCircleOutlined onClick={() => remove(field.name)} style={{ marginTop: 8 }} />
              </Space>
            ))}
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ scope: 'vars', key: '', op: 'set', value: '' })}>
              {t('common.add')}
            </Button>
          </>
        )}
      </Form.List>
    </ConfigForm>
  );
}
