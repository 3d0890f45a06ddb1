import { Button, Input, InputNumber, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { guardSchema, type FlowEdge } from '@zhishou/flow-schema';
import { ConfigForm } from '../forms/ConfigForm';
import { Field } from '../forms/fields';
import { useEditor } from '../store/context';
import { GuardFields, normaliseGuard } from './GuardFields';

const edgeEditSchema = z.object({ guard: guardSchema, priority: z.number().int(), label: z.string().optional() });
type EdgeEdit = z.infer<typeof edgeEditSchema>;
const edgeFromForm = (form: EdgeEdit): unknown => ({ ...form, guard: normaliseGuard(form.guard), label: form.label ? form.label : undefined });

export function EdgeInspector({ edge }: { edge: FlowEdge }) {
  const { t } = useTranslation();
  const readOnly = useEditor((s) => s.meta.readOnly);
  const updateEdge = useEditor((s) => s.updateEdge);
  const deleteSelection = useEditor((s) => s.deleteSelection);
  const nodes = useEditor((s) => s.doc.nodes);
  const value = useMemo<EdgeEdit>(() => ({ guard: edge.guard, priority: edge.priority, ...(edge.label ? { label: edge.label } : {}) }), [edge]);
  const name = (id: string) => nodes.find((n) => n.id === id)?.name || id;
  return (
    <div data-testid="edge-inspector">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('editor.edge')}: {name(edge.source)} → {name(edge.target)}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('editor.fromHandle', { handle: t(`handles.${edge.sourceHandle}`) })}
      </Typography.Paragraph>
      <ConfigForm<EdgeEdit> key={edge.id} schema={edgeEditSchema} value={value} fromForm={edgeFromForm} readOnly={readOnly} onChange={(next) => updateEdge(edge.id, { guard: next.guard, priority: next.priority, label: next.label })} testId="panel-edge">
        <GuardFields name={['guard']} readOnly={readOnly} />
        <Field name="priority" label={t('guards.priority')} extra={t('guards.priorityHelp')}>
          <InputNumber style={{ width: '100%' }} data-testid="guard-priority" />
        </Field>
        <Field name="label" label={t('guards.label.custom')}>
          <Input allowClear />
        </Field>
      </ConfigForm>
      {!readOnly && (
        <Space>
          <Button danger onClick={deleteSelection} data-testid="edge-delete">{t('common.delete')}</Button>
        </Space>
      )}
    </div>
  );
}
