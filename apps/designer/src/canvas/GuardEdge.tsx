import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditorStore } from '../store/context';
import type { CanvasEdge } from '../store/mapping';
import { edgeLabel } from './guardLabel';

const STROKES = { error: '#ff4d4f', warning: '#faad14' } as const;

function GuardEdgeInner({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }: EdgeProps<CanvasEdge>) {
  const { t } = useTranslation();
  const store = useEditorStore();
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const problem = data?.problem ?? null;
  const stroke = problem ? STROKES[problem] : data?.highlighted ? '#ff6a00' : selected ? '#1677ff' : '#b1b1b7';
  const label = data ? edgeLabel(data.edge, t) : '';
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{ stroke, strokeWidth: selected || data?.highlighted || problem ? 2.5 : 1.5 }}
        interactionWidth={12}
        data-testid={`edge-${id}`}
        data-problem={problem ?? undefined}
        data-highlighted={data?.highlighted || undefined}
      />
      {label && (
        <EdgeLabelRenderer>
          <div
            data-testid={`edge-label-${id}`}
            className="nodrag nopan"
            role="button"
            onClick={(event) => {
              // The label is the easiest thing to hit: it selects its edge.
              store.getState().selectEdge(id, event.shiftKey || event.metaKey || event.ctrlKey);
              store.getState().openPanel('inspector');
            }}
            style={{
              position: 'absolute',
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              background: '#fff',
              border: `1px solid ${stroke}`,
              borderRadius: 4,
              padding: '0 4px',
              fontSize: 10,
              maxWidth: 180,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              pointerEvents: 'all',
              cursor: 'pointer',
            }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const GuardEdge = memo(GuardEdgeInner);
