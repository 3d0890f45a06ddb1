import { Alert, Button, Divider, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FlowNode, NodeConfig, NodeKind } from '@zhishou/flow-schema';
import { NODE_REGISTRY, panelFor } from '../nodes/registry';
import { useEditor } from '../store/context';

export function NodeInspector({ node }: { node: FlowNode }) {
  const { t } = useTranslation();
  const readOnly = useEditor((s) => s.meta.readOnly);
  const updateNodeMeta = useEditor((s) => s.updateNodeMeta);
  const updateNodeConfig = useEditor((s) => s.updateNodeConfig);
  const deleteSelection = useEditor((s) => s.deleteSelection);
  const Panel = panelFor(node);
  const spec = NODE_REGISTRY[node.kind];
  return (
    <div data-testid={`node-panel-${node.kind}`}>
      <Space style={{ marginBottom: 8 }}>
        <span style={{ color: spec.color }}>{spec.icon}</span>
        <Typography.Text strong>{t(`nodes.${node.kind}.label`)}</Typography.Text>
        <Tag>{node.id}</Tag>
      </Space>
      <Input
        key={`${node.id}-name`}
        size="small"
        placeholder={t('editor.nodeName')}
        value={node.name ?? ''}
        disabled={readOnly}
        maxLength={120}
        onChange={(event) => updateNodeMeta(node.id, { name: event.target.value || undefined })}
        style={{ marginBottom: 8 }}
        data-testid="node-name"
      />
      <Input.TextArea
        key={`${node.id}-description`}
        size="small"
        placeholder={t('common.description')}
        value={node.description ?? ''}
        disabled={readOnly}
        autoSize={{ minRows: 1, maxRows: 4 }}
        onChange={(event) => updateNodeMeta(node.id, { description: event.target.value || undefined })}
      />
      <Divider style={{ margin: '12px 0' }} />
      {spec.notReady && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('nodes.notReadyTitle')} description={t(spec.notReady)} data-testid="node-not-ready" />}
      <Panel key={node.id} node={node} readOnly={readOnly} onChange={(config: NodeConfig<NodeKind>) => updateNodeConfig(node.id, node.kind, config)} />
      {!readOnly && node.kind !== 'start' && (
        <Button danger onClick={deleteSelection} data-testid="node-delete">{t('common.delete')}</Button>
      )}
    </div>
  );
}
