import { Button, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../store/context';
import { EdgeInspector } from './EdgeInspector';
import { NodeInspector } from './NodeInspector';

/** The side panel for the selection: a node's panel, an edge's guard editor, or a multi-selection. */
export function Inspector() {
  const { t } = useTranslation();
  const selection = useEditor((s) => s.selection);
  const node = useEditor((s) => (s.selection.nodes.length === 1 && s.selection.edges.length === 0 ? s.doc.nodes.find((n) => n.id === s.selection.nodes[0]) : undefined));
  const edge = useEditor((s) => (s.selection.edges.length === 1 && s.selection.nodes.length === 0 ? s.doc.edges.find((e) => e.id === s.selection.edges[0]) : undefined));
  const readOnly = useEditor((s) => s.meta.readOnly);
  const deleteSelection = useEditor((s) => s.deleteSelection);
  if (node) return <NodeInspector node={node} />;
  if (edge) return <EdgeInspector edge={edge} />;
  const count = selection.nodes.length + selection.edges.length;
  if (count > 1) {
    return (
      <div data-testid="multi-inspector">
        <Typography.Paragraph>{t('editor.multiSelected', { nodes: selection.nodes.length, edges: selection.edges.length })}</Typography.Paragraph>
        {!readOnly && <Button danger onClick={deleteSelection}>{t('common.delete')}</Button>}
      </div>
    );
  }
  return <Empty description={t('editor.nothingSelected')} data-testid="empty-inspector" />;
}
