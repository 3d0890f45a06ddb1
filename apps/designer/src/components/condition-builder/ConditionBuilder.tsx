import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Select, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONDITION_OPERATORS, type Condition, type ConditionLeaf, type TopLevelCondition } from '@zhishou/flow-schema';
import { FLOW_FACTS, UNARY_OPERATORS, groupChildren, groupKind, isGroup, isLeaf, makeGroup, newLeaf, type Group, type GroupKind } from './model';
import { ValueInput } from './ValueInput';

/**
 * Visual editor for json-rules-engine conditions: nested all/any groups of fact–operator–value rows,
 * and `not`. Used by condition nodes, condition guards, global transitions and the rules page.
 */
export interface ConditionBuilderProps {
  value?: TopLevelCondition;
  onChange?: (value: TopLevelCondition) => void;
  disabled?: boolean;
  /** Fact names offered in the fact field (default: the flow facts slots/vars/nlu/input/event). */
  facts?: readonly string[];
  /** Suggestions for the path field, e.g. `$.price` for each declared slot. */
  paths?: readonly string[];
  testId?: string;
}

interface Ctx {
  disabled: boolean;
  facts: readonly string[];
  paths: readonly string[];
}

function LeafRow({ leaf, onChange, onRemove, ctx, testId }: { leaf: ConditionLeaf; onChange(leaf: ConditionLeaf): void; onRemove(): void; ctx: Ctx; testId: string }) {
  const { t } = useTranslation();
  const unary = UNARY_OPERATORS.includes(leaf.operator);
  return (
    <Space.Compact style={{ width: '100%', marginBottom: 4 }} data-testid={testId}>
      <AutoComplete
        size="small"
        style={{ width: 90 }}
        popupMatchSelectWidth={false}
        value={leaf.fact}
        disabled={ctx.disabled}
        options={[...new Set(ctx.facts)].map((value) => ({ value, label: t(`condition.facts.${value}`, { defaultValue: value }) }))}
        onChange={(fact: string) => onChange({ ...leaf, fact })}
        placeholder={t('condition.fact')}
        data-testid={`${testId}-fact`}
      />
      <AutoComplete
        size="small"
        style={{ width: 110 }}
        value={leaf.path ?? ''}
        disabled={ctx.disabled}
        options={ctx.paths.map((value) => ({ value }))}
        onChange={(path: string) => onChange(path ? { ...leaf, path } : { fact: leaf.fact, operator: leaf.operator, value: leaf.value })}
        placeholder="$.price"
        data-testid={`${testId}-path`}
      />
      <Select
        size="small"
        style={{ width: 120 }}
        value={leaf.operator}
        disabled={ctx.disabled}
        popupMatchSelectWidth={false}
        options={CONDITION_OPERATORS.map((op) => ({ value: op, label: t(`condition.operators.${op}`) }))}
        onChange={(operator: string) => onChange({ ...leaf, operator, ...(UNARY_OPERATORS.includes(operator) ? { value: true } : {}) })}
        data-testid={`${testId}-operator`}
      />
      {!unary && (
        <ValueInput value={leaf.value} disabled={ctx.disabled} onChange={(value) => onChange({ ...leaf, value })} placeholder={t('condition.value')} testId={`${testId}-value`} />
      )}
      <Tooltip title={t('common.remove')}>
        <Button size="small" icon={<DeleteOutlined />} disabled={ctx.disabled} onClick={onRemove} aria-label={t('common.remove')} />
      </Tooltip>
    </Space.Compact>
  );
}

function ConditionNode({ condition, onChange, onRemove, ctx, testId }: { condition: Condition; onChange(c: Condition): void; onRemove(): void; ctx: Ctx; testId: string }) {
  if (isLeaf(condition)) return <LeafRow leaf={condition} onChange={onChange} onRemove={onRemove} ctx={ctx} testId={testId} />;
  if (isGroup(condition)) return <GroupBox group={condition} onChange={onChange} onRemove={onRemove} ctx={ctx} testId={testId} />;
  return <NotBox inner={condition.not} onChange={(inner) => onChange({ not: inner })} onRemove={onRemove} ctx={ctx} testId={testId} />;
}

function NotBox({ inner, onChange, onRemove, ctx, testId }: { inner: Condition; onChange(c: Condition): void; onRemove?: () => void; ctx: Ctx; testId: string }) {
  const { t } = useTranslation();
  return (
    <div style={{ borderInlineStart: '3px solid #ff4d4f', paddingInlineStart: 8, marginBottom: 4 }}>
      <Space size={4} style={{ marginBottom: 4 }}>
        <strong>{t('condition.not')}</strong>
        {onRemove && <Button size="small" type="text" icon={<DeleteOutlined />} disabled={ctx.disabled} onClick={onRemove} aria-label={t('common.remove')} />}
      </Space>
      <ConditionNode condition={inner} onChange={onChange} onRemove={() => onChange({ all: [] })} ctx={ctx} testId={`${testId}-not`} />
    </div>
  );
}

function GroupBox({ group, onChange, onRemove, ctx, testId }: { group: Group; onChange(g: Condition): void; onRemove?: () => void; ctx: Ctx; testId: string }) {
  const { t } = useTranslation();
  const kind = groupKind(group);
  const children = groupChildren(group);
  const replace = (index: number, next: Condition) => onChange(makeGroup(kind, children.map((c, i) => (i === index ? next : c))));
  const remove = (index: number) => onChange(makeGroup(kind, children.filter((_, i) => i !== index)));
  const add = (child: Condition) => onChange(makeGroup(kind, [...children, child]));
  return (
    <div style={{ border: '1px dashed #d9d9d9', borderRadius: 6, padding: 6, marginBottom: 4 }} data-testid={testId}>
      <Space size={4} wrap style={{ marginBottom: 4 }}>
        <Select<GroupKind>
          size="small"
          value={kind}
          disabled={ctx.disabled}
          onChange={(next) => onChange(makeGroup(next, children))}
          options={[{ value: 'all', label: t('condition.all') }, { value: 'any', label: t('condition.any') }]}
          data-testid={`${testId}-kind`}
        />
        <Button size="small" icon={<PlusOutlined />} disabled={ctx.disabled} onClick={() => add(newLeaf(ctx.facts[0]))} data-testid={`${testId}-add-row`}>
          {t('condition.addRow')}
        </Button>
        <Button size="small" disabled={ctx.disabled} onClick={() => add({ any: [newLeaf(ctx.facts[0])] })} data-testid={`${testId}-add-group`}>
          {t('condition.addGroup')}
        </Button>
        <Button size="small" disabled={ctx.disabled} onClick={() => add({ not: newLeaf(ctx.facts[0]) })}>
          {t('condition.addNot')}
        </Button>
        {onRemove && <Button size="small" type="text" icon={<DeleteOutlined />} disabled={ctx.disabled} onClick={onRemove} aria-label={t('common.remove')} />}
      </Space>
      {children.length === 0 && <div style={{ color: '#999', fontSize: 12 }}>{t('condition.emptyGroup')}</div>}
      {children.map((child, index) => (
        <ConditionNode key={index} condition={child} onChange={(next) => replace(index, next)} onRemove={() => remove(index)} ctx={ctx} testId={`${testId}-${index}`} />
      ))}
    </div>
  );
}

export function ConditionBuilder({ value = { all: [] }, onChange, disabled = false, facts = FLOW_FACTS, paths = [], testId = 'condition' }: ConditionBuilderProps) {
  const ctx: Ctx = { disabled: disabled || !onChange, facts, paths };
  const emit = (next: Condition) => {
    // The top level is always a group (json-rules-engine requires it): wrap a bare row.
    onChange?.(isLeaf(next) ? { all: [next] } : (next as TopLevelCondition));
  };
  if (isGroup(value)) return <GroupBox group={value} onChange={emit} ctx={ctx} testId={testId} />;
  return <NotBox inner={value.not} onChange={(inner) => emit({ not: inner })} ctx={ctx} testId={testId} />;
}

