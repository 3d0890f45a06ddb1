import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Flow, FlowSettings, NodeKind, NodeOfKind, SlotDeclaration, VariableDeclaration } from '@zhishou/flow-schema';
import * as edits from './document/actions';
import type { Clipboard, Connection, EdgePatch, NodePatch, Selection, XY } from './document/actions';
import { EMPTY_SELECTION } from './document/actions';

/** Most undo steps kept; older snapshots are dropped. */
export const HISTORY_LIMIT = 100;

export interface FlowMeta {
  botKey: string;
  flowKey: string;
  /** Draft revision the document is based on (optimistic concurrency). */
  revision: number;
  readOnly: boolean;
  /** Set when a published version is open (always read-only). */
  version?: number;
}

/** Nodes and edges a test-chat turn went through (filled by the test chat panel). */
export interface HighlightPath {
  nodeIds: string[];
  edgeIds: string[];
  currentNodeId: string | null;
}
export const NO_HIGHLIGHT: HighlightPath = { nodeIds: [], edgeIds: [], currentNodeId: null };

export type SidePanel = 'inspector' | 'settings' | 'slots' | 'chat' | 'diff';

/** How each node of the draft differs from the live version, while the diff panel shows it on the canvas. */
export type DiffMark = 'added' | 'changed';

export interface Size {
  width: number;
  height: number;
}

interface DocumentSlice {
  doc: Flow;
  meta: FlowMeta;
  /** The document as last saved (identity compare = "no unsaved changes"). */
  savedDoc: Flow;
  load(doc: Flow, meta: FlowMeta): void;
  markSaved(doc: Flow, revision: number): void;
  addNode(kind: NodeKind, position: XY): string | null;
  moveNodes(positions: Readonly<Record<string, XY>>): void;
  updateNodeMeta(id: string, patch: NodePatch): void;
  updateNodeConfig<K extends NodeKind>(id: string, kind: K, config: NodeOfKind<K>['config']): void;
  connect(connection: Connection): string | null;
  updateEdge(id: string, patch: EdgePatch): void;
  deleteSelection(): void;
  copy(): void;
  paste(offset?: XY): void;
  setSettings(settings: FlowSettings): void;
  setFlowMeta(patch: { name?: string; description?: string }): void;
  upsertSlot(slot: SlotDeclaration, previousKey?: string): void;
  removeSlot(key: string): void;
  upsertVariable(variable: VariableDeclaration, previousKey?: string): void;
  removeVariable(key: string): void;
  setDeclarations(slots: SlotDeclaration[], variables: VariableDeclaration[]): void;
  autoLayout(positions: Readonly<Record<string, XY>>): void;
}

interface SelectionSlice {
  selection: Selection;
  select(selection: Selection): void;
  selectNode(id: string, additive?: boolean): void;
  selectEdge(id: string, additive?: boolean): void;
}

interface HistorySlice {
  past: Flow[];
  future: Flow[];
  /** Snapshot taken when a drag starts; the whole drag becomes one undo step. */
  gestureBase: Flow | null;
  undo(): void;
  redo(): void;
  beginGesture(): void;
  endGesture(): void;
}

/** What the editor knows about the rest of the bot (for suggestions and validation). */
export interface BotContext {
  flowKeys: string[];
  intents: string[];
  slotTypes: string[];
}

/** One problem of the flow: graph validation (flow-schema) or a node kind's own check. */
export interface Problem {
  code: string;
  severity: 'error' | 'warning';
  nodeId?: string;
  edgeId?: string;
  params?: Record<string, string | number>;
}

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';
export interface SaveState {
  status: SaveStatus;
  /** Words for the last failure (already translated). */
  error?: string;
  /** Who saved first, on a 409. */
  conflict?: { revision: number; updatedBy?: string | null; updatedAt?: string };
  savedAt?: number;
}

interface UiSlice {
  problems: Problem[];
  setProblems(problems: Problem[]): void;
  save: SaveState;
  setSave(save: SaveState): void;
  /** Saves now (registered by the autosaver); resolves true when the draft is saved. */
  flush: () => Promise<boolean>;
  /** After a 409: saves over the other person's revision (registered by the autosaver). */
  overwrite: () => Promise<boolean>;
  setSaveActions(actions: { flush: () => Promise<boolean>; overwrite: () => Promise<boolean> }): void;
  bot: BotContext;
  setBotContext(bot: Partial<BotContext>): void;
  measured: Readonly<Record<string, Size>>;
  setMeasured(sizes: Readonly<Record<string, Size>>): void;
  panel: SidePanel | null;
  openPanel(panel: SidePanel | null): void;
  highlight: HighlightPath;
  setHighlight(path: HighlightPath): void;
  clipboard: Clipboard | null;
  /** Node to centre the viewport on (problems panel, search); the canvas consumes it. */
  focusRequest: { nodeId: string; seq: number } | null;
  focusNode(nodeId: string): void;
  diffMarks: Readonly<Record<string, DiffMark>> | null;
  setDiffMarks(marks: Readonly<Record<string, DiffMark>> | null): void;
}

export type EditorState = DocumentSlice & SelectionSlice & HistorySlice & UiSlice;
export type EditorStore = StoreApi<EditorState>;

function pruneSelection(doc: Flow, selection: Selection): Selection {
  const nodes = new Set(doc.nodes.map((n) => n.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  const kept = { nodes: selection.nodes.filter((id) => nodes.has(id)), edges: selection.edges.filter((id) => edges.has(id)) };
  return kept.nodes.length === selection.nodes.length && kept.edges.length === selection.edges.length ? selection : kept;
}

function toggle(ids: readonly string[], id: string, additive: boolean): string[] {
  if (!additive) return [id];
  return ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
}

export function createEditorStore(doc: Flow, meta: FlowMeta): EditorStore {
  return createStore<EditorState>()((set, get) => {
    /** Applies an edit: a new document becomes the current one and the old one an undo step. */
    const commit = (next: Flow, extra: Partial<EditorState> = {}) => {
      const state = get();
      if (state.meta.readOnly || next === state.doc) return;
      const recordNow = state.gestureBase === null;
      set({
        doc: next,
        past: recordNow ? [...state.past, state.doc].slice(-HISTORY_LIMIT) : state.past,
        future: recordNow ? [] : state.future,
        ...extra,
      });
    };

    return {
      // document
      doc,
      meta,
      savedDoc: doc,
      load: (next, nextMeta) =>
        set({ doc: next, savedDoc: next, meta: nextMeta, past: [], future: [], gestureBase: null, selection: EMPTY_SELECTION, highlight: NO_HIGHLIGHT }),
      markSaved: (saved, revision) => set((s) => ({ savedDoc: saved, meta: { ...s.meta, revision } })),
      addNode: (kind, position) => {
        if (get().meta.readOnly) return null;
        const result = edits.addNode(get().doc, kind, position);
        commit(result.doc, { selection: { nodes: [result.id], edges: [] } });
        return result.id;
      },
      moveNodes: (positions) => commit(edits.moveNodes(get().doc, positions)),
      updateNodeMeta: (id, patch) => commit(edits.updateNodeMeta(get().doc, id, patch)),
      updateNodeConfig: (id, kind, config) => commit(edits.updateNodeConfig(get().doc, id, kind, config)),
      connect: (connection) => {
        if (get().meta.readOnly) return null;
        const result = edits.connect(get().doc, connection);
        if (result.id) commit(result.doc, { selection: { nodes: [], edges: [result.id] } });
        return result.id;
      },
      updateEdge: (id, patch) => commit(edits.updateEdge(get().doc, id, patch)),
      deleteSelection: () => {
        const next = edits.deleteSelection(get().doc, get().selection);
        commit(next, { selection: pruneSelection(next, get().selection) });
      },
      copy: () => {
        const clipboard = edits.copySelection(get().doc, get().selection);
        if (clipboard.nodes.length > 0) set({ clipboard });
      },
      paste: (offset = { x: 40, y: 40 }) => {
        const { clipboard } = get();
        if (!clipboard) return;
        const result = edits.paste(get().doc, clipboard, offset);
        commit(result.doc, { selection: result.selection });
        // Pasting again lands one step further, not on top of the previous copy.
        set({ clipboard: { nodes: result.doc.nodes.filter((n) => result.selection.nodes.includes(n.id)), edges: result.doc.edges.filter((e) => result.selection.edges.includes(e.id)) } });
      },
      setSettings: (settings) => commit(edits.setSettings(get().doc, settings)),
      setFlowMeta: (patch) => commit(edits.setFlowMeta(get().doc, patch)),
      upsertSlot: (slot, previousKey) => commit(edits.upsertSlot(get().doc, slot, previousKey)),
      removeSlot: (key) => commit(edits.removeSlot(get().doc, key)),
      upsertVariable: (variable, previousKey) => commit(edits.upsertVariable(get().doc, variable, previousKey)),
      removeVariable: (key) => commit(edits.removeVariable(get().doc, key)),
      setDeclarations: (slots, variables) => commit(edits.setDeclarations(get().doc, slots, variables)),
      autoLayout: (positions) => commit(edits.moveNodes(get().doc, positions)),

      // selection
      selection: EMPTY_SELECTION,
      select: (selection) => set({ selection }),
      selectNode: (id, additive = false) =>
        set((s) => ({ selection: { nodes: toggle(s.selection.nodes, id, additive), edges: additive ? s.selection.edges : [] } })),
      selectEdge: (id, additive = false) =>
        set((s) => ({ selection: { nodes: additive ? s.selection.nodes : [], edges: toggle(s.selection.edges, id, additive) } })),

      // history
      past: [],
      future: [],
      gestureBase: null,
      undo: () => {
        const { past, future, doc: current, selection } = get();
        const previous = past[past.length - 1];
        if (!previous) return;
        set({ doc: previous, past: past.slice(0, -1), future: [current, ...future].slice(0, HISTORY_LIMIT), selection: pruneSelection(previous, selection) });
      },
      redo: () => {
        const { past, future, doc: current, selection } = get();
        const next = future[0];
        if (!next) return;
        set({ doc: next, past: [...past, current].slice(-HISTORY_LIMIT), future: future.slice(1), selection: pruneSelection(next, selection) });
      },
      beginGesture: () => set({ gestureBase: get().doc }),
      endGesture: () => {
        const { gestureBase, doc: current, past } = get();
        if (gestureBase === null) return;
        set({ gestureBase: null, ...(gestureBase !== current ? { past: [...past, gestureBase].slice(-HISTORY_LIMIT), future: [] } : {}) });
      },

      // ui
      problems: [],
      setProblems: (problems) => set({ problems }),
      save: { status: 'saved' },
      setSave: (save) => set({ save }),
      flush: async () => selectDirty(get()) === false,
      overwrite: async () => false,
      setSaveActions: (actions) => set(actions),
      bot: { flowKeys: [], intents: [], slotTypes: [] },
      setBotContext: (bot) => set((s) => ({ bot: { ...s.bot, ...bot } })),
      measured: {},
      setMeasured: (sizes) => set((s) => ({ measured: { ...s.measured, ...sizes } })),
      panel: null,
      openPanel: (panel) => set({ panel }),
      highlight: NO_HIGHLIGHT,
      setHighlight: (highlight) => set({ highlight }),
      clipboard: null,
      focusRequest: null,
      diffMarks: null,
      setDiffMarks: (diffMarks) => set({ diffMarks }),
      focusNode: (nodeId) =>
        set((s) => ({ focusRequest: { nodeId, seq: (s.focusRequest?.seq ?? 0) + 1 }, selection: { nodes: [nodeId], edges: [] }, panel: 'inspector' })),
    };
  });
}

/** True when the document differs from what was last saved. */
export const selectDirty = (s: EditorState): boolean => s.doc !== s.savedDoc;
