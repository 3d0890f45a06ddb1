import { Tag, Tooltip } from 'antd';
import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NODE_KINDS, type NodeKind } from '@zhishou/flow-schema';
import { NODE_REGISTRY } from '../nodes/registry';

export const DRAG_MIME = 'application/x-zhishou-node';

/** Every node kind, draggable onto the canvas (click adds it in the middle of the view). */
export function Palette({ onAdd }: { onAdd(kind: NodeKind): void }) {
  const { t } = useTranslation();
  const onDragStart = (event: DragEvent, kind: NodeKind) => {
    event.dataTransfer.setData(DRAG_MIME, kind);
    event.dataTransfer.setData('text/plain', kind);
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <div data-testid="palette" style={{ width: 128, padding: 8, borderInlineEnd: '1px solid #f0f0f0', overflowY: 'auto', background: '#fafafa' }}>
      {NODE_KINDS.filter((kind) => kind !== 'start').map((kind) => (
        <Tooltip key={kind} title={NODE_REGISTRY[kind].notReady ? `${t(`nodes.${kind}.description`)} — ${t(NODE_REGISTRY[kind].notReady ?? '')}` : t(`nodes.${kind}.description`)} placement="right">
          <div
            draggable
            role="button"
            tabIndex={0}
            data-testid={`palette-${kind}`}
            onDragStart={(event) => onDragStart(event, kind)}
            onClick={() => onAdd(kind)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') onAdd(kind);
            }}
            style={{
              display: 'flex',
              flexWrap: 'wrap',
              gap: 6,
              alignItems: 'center',
              padding: '6px 8px',
              marginBottom: 6,
              background: '#fff',
              border: '1px solid #e8e8e8',
              borderInlineStart: `3px solid ${NODE_REGISTRY[kind].color}`,
              borderRadius: 6,
              cursor: 'grab',
              fontSize: 12,
              userSelect: 'none',
            }}
          >
            <span style={{ color: NODE_REGISTRY[kind].color }}>{NODE_REGISTRY[kind].icon}</span>
            <span style={{ flex: 1, whiteSpace: 'nowrap', opacity: NODE_REGISTRY[kind].notReady ? 0.6 : 1 }}>{t(`nodes.${kind}.label`)}</span>
            {NODE_REGISTRY[kind].notReady && (
              <Tag color="default" style={{ marginInlineEnd: 0, fontSize: 10, lineHeight: '16px', paddingInline: 3 }} data-testid={`palette-${kind}-not-ready`}>
                {t('nodes.notReadyTag')}
              </Tag>
            )}
          </div>
        </Tooltip>
      ))}
    </div>
  );
}
