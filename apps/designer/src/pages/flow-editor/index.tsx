import { ReactFlowProvider } from '@xyflow/react';
import { Alert, Button, Result, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRoutes } from '../../api';
import { describeApiError } from '../../api/client';
import { useCan } from '../../auth/session';
import { FlowEditor } from '../../editor/FlowEditor';
import { useAsync } from '../../hooks/useAsync';
import { createEditorStore, type EditorStore } from '../../store/editorStore';
import { loadFlowDocument } from './loadFlow';

export interface FlowEditorProps {
  botKey: string;
  flowKey: string;
  /** Open a published version read-only instead of the draft. */
  version?: number;
}

/** Loads the draft (or a version) and opens the editor on it. */
export default function FlowEditorPage({ botKey, flowKey, version }: FlowEditorProps) {
  const { t } = useTranslation();
  const mayEdit = useCan('flow.edit');
  const [store, setStore] = useState<EditorStore | null>(null);
  const source = useAsync(async () => {
    if (version !== undefined) {
      const record = await apiRoutes.getFlowVersion(botKey, flowKey, version);
      return { raw: record.content, revision: 0 };
    }
    const draft = await apiRoutes.getFlow(botKey, flowKey);
    return { raw: draft.document as unknown, revision: draft.revision };
  }, [botKey, flowKey, version]);

  const loaded = useMemo(() => (source.data ? loadFlowDocument(source.data.raw) : undefined), [source.data]);

  useEffect(() => {
    if (!loaded?.ok || !source.data) return;
    const meta = { botKey, flowKey, revision: source.data.revision, readOnly: version !== undefined || !mayEdit, ...(version !== undefined ? { version } : {}) };
    setStore((current) => {
      if (current) {
        current.getState().load(loaded.doc, meta);
        current.getState().setSave({ status: 'saved' });
        return current;
      }
      return createEditorStore(loaded.doc, meta);
    });
  }, [loaded, source.data, botKey, flowKey, version, mayEdit]);

  const reload = useCallback(() => source.reload(), [source]);

  if (source.error !== undefined) {
    return <Result status="error" title={t('editor.loadFailed')} subTitle={describeApiError(source.error, t)} extra={<Button onClick={reload}>{t('common.retry')}</Button>} />;
  }
  if (loaded && !loaded.ok) {
    return (
      <Alert
        type="error"
        showIcon
        style={{ margin: 24 }}
        title={t('editor.invalidDocument')}
        description={<ul>{loaded.errors.map((e, i) => <li key={i}>{e.path}: {e.message}</li>)}</ul>}
        data-testid="invalid-document"
      />
    );
  }
  if (!store) return <Spin style={{ display: 'block', margin: 48 }} description={t('common.loading')} />;
  return (
    <ReactFlowProvider>
      <FlowEditor store={store} onReload={reload} migratedFrom={loaded?.ok ? loaded.migratedFrom : null} />
    </ReactFlowProvider>
  );
}
