import {
  ApartmentOutlined, ArrowLeftOutlined, CopyOutlined, DeleteOutlined, ExpandOutlined, RedoOutlined, SnippetsOutlined, UndoOutlined,
} from '@ant-design/icons';
import { useReactFlow } from '@xyflow/react';
import { Badge, Button, Divider, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FIT_VIEW } from '../canvas/FlowCanvas';
import { elkLayout } from '../canvas/elkLayout';
import { autoLayout } from '../canvas/layout';
import { navigate } from '../router/router';
import { useEditor, useEditorStore } from '../store/context';
import type { SidePanel } from '../store/editorStore';
import { NodeSearch } from './NodeSearch';
import { PublishButton } from './PublishButton';
import { SaveStatus } from './SaveStatus';

export function Toolbar() {
  const { t } = useTranslation();
  const store = useEditorStore();
  const flow = useReactFlow();
  const meta = useEditor((s) => s.meta);
  const name = useEditor((s) => s.doc.name);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const hasSelection = useEditor((s) => s.selection.nodes.length + s.selection.edges.length > 0);
  const hasClipboard = useEditor((s) => s.clipboard !== null);
  const panel = useEditor((s) => s.panel);
  const errors = useEditor((s) => s.problems.filter((p) => p.severity === 'error').length);
  const warnings = useEditor((s) => s.problems.filter((p) => p.severity === 'warning').length);
  const s = store.getState;
  const editable = !meta.readOnly;

  const layout = async () => {
    const doc = s().doc;
    // ELK layered with wrapped wide layers; should it fail to load, the built-in dagre layout still works.
    const positions = await elkLayout(doc).catch(() => autoLayout(doc, s().measured));
    // Someone may have edited while ELK ran: lay out only if the document is still the one measured.
    if (s().doc !== doc) return;
    s().autoLayout(positions);
    window.setTimeout(() => void flow.fitView({ ...FIT_VIEW, duration: 300 }), 50);
  };

  const panels: Array<{ value: SidePanel; label: string }> = [
    { value: 'inspector', label: t('editor.panels.inspector') },
    { value: 'settings', label: t('editor.panels.settings') },
    { value: 'slots', label: t('editor.panels.slots') },
    { value: 'chat', label: t('editor.panels.chat') },
    // A read-only version has no draft to compare.
    ...(meta.version === undefined ? [{ value: 'diff' as const, label: t('flowDiff.tab') }] : []),
  ];

  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '6px 12px', borderBottom: '1px solid #f0f0f0', background: '#fff', flexWrap: 'wrap' }} data-testid="editor-toolbar">
      <Button size="small" type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate({ name: 'bot', bot: meta.botKey, tab: 'flows', query: {} })} aria-label={t('common.back')} />
      <Typography.Text strong data-testid="flow-title">{name}</Typography.Text>
      <Tag>{meta.flowKey}</Tag>
      {meta.version !== undefined && <Tag color="blue" data-testid="version-tag">{t('editor.versionTag', { version: meta.version })}</Tag>}
      {meta.readOnly && <Tag color="default" data-testid="readonly-tag">{t('common.readOnly')}</Tag>}
      <SaveStatus />
      <Divider orientation="vertical" />
      {editable && (
        <Space.Compact size="small">
          <Tooltip title={t('editor.undo')}><Button icon={<UndoOutlined />} disabled={!canUndo} onClick={() => s().undo()} data-testid="undo" aria-label={t('editor.undo')} /></Tooltip>
          <Tooltip title={t('editor.redo')}><Button icon={<RedoOutlined />} disabled={!canRedo} onClick={() => s().redo()} data-testid="redo" aria-label={t('editor.redo')} /></Tooltip>
          <Tooltip title={t('editor.copy')}><Button icon={<CopyOutlined />} disabled={!hasSelection} onClick={() => s().copy()} data-testid="copy" aria-label={t('editor.copy')} /></Tooltip>
          <Tooltip title={t('editor.paste')}><Button icon={<SnippetsOutlined />} disabled={!hasClipboard} onClick={() => s().paste()} data-testid="paste" aria-label={t('editor.paste')} /></Tooltip>
          <Tooltip title={t('common.delete')}><Button icon={<DeleteOutlined />} disabled={!hasSelection} onClick={() => s().deleteSelection()} data-testid="delete" aria-label={t('common.delete')} /></Tooltip>
          <Tooltip title={t('editor.autoLayout')}><Button icon={<ApartmentOutlined />} onClick={() => void layout()} data-testid="auto-layout" aria-label={t('editor.autoLayout')} /></Tooltip>
        </Space.Compact>
      )}
      <Tooltip title={t('editor.fitView')}><Button size="small" icon={<ExpandOutlined />} onClick={() => void flow.fitView({ ...FIT_VIEW, duration: 300 })} data-testid="fit-view" aria-label={t('editor.fitView')} /></Tooltip>
      <NodeSearch />
      <span style={{ flex: 1 }} />
      <Space size={4} data-testid="problem-counts">
        <Badge count={errors} showZero color={errors ? '#ff4d4f' : '#d9d9d9'} title={t('problems.errors')} />
        <Badge count={warnings} showZero color={warnings ? '#faad14' : '#d9d9d9'} title={t('problems.warnings')} />
      </Space>
      <Segmented<SidePanel>
        size="small"
        value={panel ?? 'inspector'}
        options={panels.map((p) => ({ value: p.value, label: <span data-testid={`panel-tab-${p.value}`}>{p.label}</span> }))}
        onChange={(value) => s().openPanel(value)}
      />
      <PublishButton />
    </div>
  );
}
