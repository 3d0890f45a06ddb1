import { ExclamationCircleFilled, WarningFilled } from '@ant-design/icons';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { NODE_HANDLES } from '@zhishou/flow-schema';
import { NODE_REGISTRY, cardFor } from '../nodes/registry';
import { useEditor } from '../store/context';
import { TARGET_HANDLE, type CanvasNode } from '../store/mapping';
import { NODE_HEIGHT, NODE_WIDTH, sourceHandleFraction } from './geometry';

const PROBLEM_COLOURS = { error: '#ff4d4f', warning: '#faad14' } as const;
const DIFF_COLOURS = { added: '#52c41a', changed: '#fa8c16' } as const;

/**
 * One component for every kind: a fixed-size frame (see geometry.ts), handles from NODE_HANDLES
 * where geometry.ts says they are, and the kind's own Card inside.
 */
function FlowNodeViewInner({ id, data, selected }: NodeProps<CanvasNode>) {
  const { t } = useTranslation();
  const { node, problem, highlighted, current } = data;
  const spec = NODE_REGISTRY[node.kind];
  const Card = cardFor(node);
  const handles: readonly string[] = NODE_HANDLES[node.kind];
  // Read here rather than through the mapping: the diff panel marks nodes only while it is open.
  const diff = useEditor((s) => s.diffMarks?.[id]);
  const border = problem ? PROBLEM_COLOURS[problem] : selected ? '#1677ff' : '#d9d9d9';
  return (
    <div
      data-testid={`node-${id}`}
      data-kind={node.kind}
      data-problem={problem ?? undefined}
      data-highlighted={highlighted || undefined}
      data-current={current || undefined}
      data-diff={diff}
      style={{
        position: 'relative',
        boxSizing: 'border-box',
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        background: '#fff',
        border: `${selected || problem ? 2 : 1}px solid ${border}`,
        borderRadius: 8,
        // No resting shadow: hundreds of shadows make every frame of a drag expensive to paint.
        boxShadow: current ? '0 0 0 4px rgba(82,196,26,0.45)' : highlighted ? '0 0 0 3px rgba(255,106,0,0.35)' : undefined,
        outline: diff ? `3px ${diff === 'added' ? 'solid' : 'dashed'} ${DIFF_COLOURS[diff]}` : undefined,
        outlineOffset: 3,
        fontSize: 12,
        overflow: 'visible',
      }}
    >
      {diff && (
        <span style={{ position: 'absolute', top: -20, right: 0, fontSize: 11, lineHeight: '16px', padding: '0 6px', borderRadius: 4, color: '#fff', background: DIFF_COLOURS[diff] }} data-testid={`node-${id}-diff`}>
          {t(`flowDiff.${diff}`)}
        </span>
      )}
      {node.kind !== 'start' && <Handle type="target" position={Position.Top} id={TARGET_HANDLE} data-testid={`handle-${id}-in`} />}
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, height: 22, padding: '0 8px', borderBottom: '1px solid #f0f0f0', borderTop: `3px solid ${spec.color}`, borderRadius: '6px 6px 0 0' }}>
        <span style={{ color: spec.color }}>{spec.icon}</span>
        <strong style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{node.name || t(`nodes.${node.kind}.label`)}</strong>
        {problem === 'error' && <ExclamationCircleFilled style={{ color: PROBLEM_COLOURS.error }} data-testid={`node-${id}-error`} />}
        {problem === 'warning' && <WarningFilled style={{ color: PROBLEM_COLOURS.warning }} data-testid={`node-${id}-warning`} />}
      </div>
      <div style={{ padding: '2px 8px', height: 22, display: 'flex', gap: 4, alignItems: 'center', overflow: 'hidden' }}>
        <Card node={node} />
      </div>
      {handles.length > 1 &&
        handles.map((handle, index) => (
          <span
            key={`label-${handle}`}
            style={{ position: 'absolute', left: `${sourceHandleFraction(index, handles.length) * 100}%`, transform: 'translateX(-50%)', bottom: 4, fontSize: 10, lineHeight: '10px', color: '#8c8c8c', whiteSpace: 'nowrap' }}
          >
            {t(`handles.${handle}`)}
          </span>
        ))}
      {handles.map((handle, index) => (
        <Handle
          key={handle}
          type="source"
          position={Position.Bottom}
          id={handle}
          style={{ left: `${sourceHandleFraction(index, handles.length) * 100}%` }}
          data-testid={`handle-${id}-${handle}`}
          title={t(`handles.${handle}`)}
        />
      ))}
    </div>
  );
}

export const FlowNodeView = memo(FlowNodeViewInner);
