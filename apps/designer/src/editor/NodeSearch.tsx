import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowNode } from '@zhishou/flow-schema';
import { useEditor } from '../store/context';

/** Text a node can be found by: id, name, description and every string in its config. */
export function nodeSearchText(node: FlowNode): string {
  const strings: string[] = [node.id, node.name ?? '', node.description ?? ''];
  const walk = (value: unknown) => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(node.config);
  return strings.join('\n').toLowerCase();
}

export function searchNodes(nodes: readonly FlowNode[], query: string): FlowNode[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  return nodes.filter((node) => nodeSearchText(node).includes(needle));
}

/** Find a node by name or text and centre it. */
export function NodeSearch() {
  const { t } = useTranslation();
  const nodes = useEditor((s) => s.doc.nodes);
  const focusNode = useEditor((s) => s.focusNode);
  const [query, setQuery] = useState('');
  const options = useMemo(
    () => searchNodes(nodes, query).slice(0, 30).map((node) => ({ value: node.id, label: `${node.name || t(`nodes.${node.kind}.label`)} · ${node.id}` })),
    [nodes, query, t],
  );
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query }}
      value={null}
      placeholder={t('editor.search')}
      style={{ width: 200 }}
      size="small"
      options={options}
      notFoundContent={query ? t('editor.searchNone') : null}
      onSelect={(id: string | null) => {
        if (id) focusNode(id);
        setQuery('');
      }}
      data-testid="node-search"
    />
  );
}
