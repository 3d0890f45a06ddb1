import { useReactFlow } from '@xyflow/react';
import { Alert, Button } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENTITY_KINDS, type NodeKind } from '@zhishou/flow-schema';
import { apiRoutes } from '../api';
import { api } from '../api';
import { FlowCanvas } from '../canvas/FlowCanvas';
import { Palette } from '../canvas/Palette';
import { DEFAULT_NODE_SIZE } from '../canvas/layout';
import { TestChatPanel } from '../features/test-chat';
import { TemplateNamesContext } from '../forms/TemplateInput';
import { useFlowNames } from '../nodes/common/useFlowNames';
import { nluApi } from '../api/nlu';
import { EditorStoreProvider, useEditor } from '../store/context';
import { selectDirty, type EditorStore } from '../store/editorStore';
import { ConflictModal } from './ConflictModal';
import { DiffPanel } from './DiffPanel';
import { Inspector } from './Inspector';
import { ProblemsPanel } from './ProblemsPanel';
import { SettingsPanel } from './SettingsPanel';
import { SlotsPanel } from './SlotsPanel';
import { Toolbar } from './Toolbar';
import { useAutosave, type SaveDraft } from './useAutosave';
import { useKeyboard } from './useKeyboard';
import { useLiveValidation } from './useLiveValidation';

const nlu = nluApi(api);

/** Loads what the editor should know about the rest of the bot (other flows, intents, slot types). */
function useBotContext(store: EditorStore) {
  useEffect(() => {
    const { botKey } = store.getState().meta;
    let alive = true;
    apiRoutes.listFlows(botKey).then(
      (flows) => alive && store.getState().setBotContext({ flowKeys: flows.map((f) => f.key) }),
      () => undefined,
    );
    nlu.get(botKey).then(
      ({ data }) => alive && store.getState().setBotContext({ intents: data.intents.map((i) => i.key), slotTypes: [...ENTITY_KINDS, ...data.slotTypes.map((s) => s.key)] }),
      // Without NLU data the editor still works; intents just are not suggested or checked.
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [store]);
}

function SidePanelContent() {
  const panel = useEditor((s) => s.panel ?? 'inspector');
  const meta = useEditor((s) => s.meta);
  const setHighlight = useEditor((s) => s.setHighlight);
  const dirty = useEditor(selectDirty);
  switch (panel) {
    case 'settings':
      return <SettingsPanel />;
    case 'slots':
      return <SlotsPanel />;
    case 'diff':
      return <DiffPanel />;
    case 'chat':
      return <TestChatPanel botKey={meta.botKey} flowKey={meta.flowKey} version={meta.version} onPath={setHighlight} dirty={dirty} />;
    default:
      return <Inspector />;
  }
}

function Workspace({ onReload, migratedFrom }: { onReload(): void; migratedFrom: number | null }) {
  const { t } = useTranslation();
  const flow = useReactFlow();
  const readOnly = useEditor((s) => s.meta.readOnly);
  const addNode = useEditor((s) => s.addNode);
  const openPanel = useEditor((s) => s.openPanel);
  const names = useFlowNames();
  // null: follow the problems (open while there are some, collapsed when there are none) until the user toggles.
  const [problemsChoice, setProblemsChoice] = useState<boolean | null>(null);
  const problemCount = useEditor((s) => s.problems.length);
  const problemsOpen = problemsChoice ?? problemCount > 0;

  const addInView = useCallback(
    (kind: NodeKind) => {
      const pane = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      const centre = pane ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }) : { x: 0, y: 0 };
      // Each click lands a little lower so new nodes do not stack exactly.
      const offset = (Date.now() / 100) % 5;
      addNode(kind, { x: centre.x - DEFAULT_NODE_SIZE.width / 2 + offset * 12, y: centre.y + offset * 12 });
      openPanel('inspector');
    },
    [flow, addNode, openPanel],
  );

  return (
    <TemplateNamesContext.Provider value={names}>
      <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }} data-testid="flow-editor">
        <Toolbar />
        {migratedFrom !== null && <Alert type="info" showIcon banner title={t('editor.migrated', { from: migratedFrom })} />}
        <div style={{ flex: 1, minHeight: 0, display: 'flex' }}>
          {!readOnly && <Palette onAdd={addInView} />}
          <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
            <div style={{ flex: 1, minHeight: 0, display: 'flex' }}>
              <FlowCanvas />
            </div>
            <div style={{ borderTop: '1px solid #f0f0f0', background: '#fff' }}>
              <Button size="small" type="text" onClick={() => setProblemsChoice(!problemsOpen)} data-testid="problems-toggle">
                {t('problems.title', { count: problemCount })} {problemsOpen ? '▾' : '▸'}
              </Button>
              {problemsOpen && <div style={{ height: problemCount > 0 ? Math.min(140, 12 + problemCount * 26) : 56 }}><ProblemsPanel /></div>}
            </div>
          </div>
          <div style={{ width: 380, borderInlineStart: '1px solid #f0f0f0', padding: 12, overflowY: 'auto', background: '#fff' }} data-testid="side-panel">
            <SidePanelContent />
          </div>
        </div>
        <ConflictModal onReload={onReload} />
      </div>
    </TemplateNamesContext.Provider>
  );
}

export function FlowEditor({ store, onReload, migratedFrom }: { store: EditorStore; onReload(): void; migratedFrom: number | null }) {
  const { t } = useTranslation();
  const saveDraft = useCallback<SaveDraft>(
    async (doc, revision) => {
      const { botKey, flowKey } = store.getState().meta;
      const saved = await apiRoutes.saveFlow(botKey, flowKey, doc, revision);
      return { revision: saved.revision };
    },
    [store],
  );
  useAutosave(store, saveDraft, t, t('save.unsavedQuestion'));
  useLiveValidation(store);
  useKeyboard(store);
  useBotContext(store);
  return (
    <EditorStoreProvider store={store}>
      <Workspace onReload={onReload} migratedFrom={migratedFrom} />
    </EditorStoreProvider>
  );
}
