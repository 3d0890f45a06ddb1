import { ExclamationCircleFilled, WarningFilled } from '@ant-design/icons';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { NODE_HANDLES } from '@zhishou/flow-schema';
import { NODE_REGISTRY, cardFor } from '../nodes/registry';
import { TARGET_HANDLE, type CanvasNode } from '../store/mapping';

const PROBLEM_COLOURS = { error: '#ff4d4f', warning: '#faad14' } as const;

/** One component for every kind: frame, handles from NODE_HANDLES, and the kind's own Card inside. */
function FlowNodeViewInner({ id, data, selected }: NodeProps<CanvasNode>) {
  const { t } = useTranslation();
  const { node, problem, highlighted, current } = data;
  const spec = NODE_REGISTRY[node.kind];
  const Card = cardFor(node);
  const handles: readonly string[] = NODE_HANDLES[node.kind];
  const border = problem ? PROBLEM_COLOURS[problem] : selected ? '#1677ff' : '#d9d9d9';
  return (
    <div
      data-testid={`node-${id}`}
      data-kind={node.kind}
      data-problem={problem ?? undefined}
      data-highlighted={highlighted || undefined}
      data-current={current || undefined}
      style={{
        width: 220,
        background: '#fff',
        border: `${selected || problem ? 2 : 1}px solid ${border}`,
        borderRadius: 8,
        boxShadow: current ? '0 0 0 4px rgba(82,196,26,0.45)' : highlighted ? '0 0 0 3px rgba(255,106,0,0.35)' : '0 1px 3px rgba(0,0,0,0.08)',
        fontSize: 12,
      }}
    >
      {node.kind !== 'start' && <Handle type="target" position={Position.Top} id={TARGET_HANDLE} data-testid={`handle-${id}-in`} />}
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, padding: '2px 8px', borderBottom: '1px solid #f0f0f0', borderTop: `3px solid ${spec.color}`, borderRadius: '6px 6px 0 0' }}>
        <span style={{ color: spec.color }}>{spec.icon}</span>
        <strong style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{node.name || t(`nodes.${node.kind}.label`)}</strong>
        {problem === 'error' && <ExclamationCircleFilled style={{ color: PROBLEM_COLOURS.error }} data-testid={`node-${id}-error`} />}
        {problem === 'warning' && <WarningFilled style={{ color: PROBLEM_COLOURS.warning }} data-testid={`node-${id}-warning`} />}
      </div>
      <div style={{ padding: '4px 8px', minHeight: 22, display: 'flex', gap: 4, alignItems: 'center', overflow: 'hidden' }}>
        <Card node={node} />
      </div>
      {handles.length > 0 && (
        <div style={{ position: 'relative', height: handles.length > 1 ? 14 : 4 }}>
          {handles.map((handle, index) => {
            const left = `${((index + 1) / (handles.length + 1)) * 100}%`;
            return (
              <div key={handle}>
                {handles.length > 1 && (
                  <span style={{ position: 'absolute', left, transform: 'translateX(-50%)', bottom: 3, fontSize: 10, lineHeight: '10px', color: '#8c8c8c', whiteSpace: 'nowrap' }}>
                    {t(`handles.${handle}`)}
                  </span>
                )}
                <Handle type="source" position={Position.Bottom} id={handle} style={{ left }} data-testid={`handle-${id}-${handle}`} title={t(`handles.${handle}`)} />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

export const FlowNodeView = memo(FlowNodeViewInner);
