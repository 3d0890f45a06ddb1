import {
  Background, Controls, MiniMap, ReactFlow, useReactFlow,
  type Connection, type EdgeChange, type NodeChange, type NodeTypes, type EdgeTypes, type OnSelectionChangeParams,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NODE_KINDS, type NodeKind } from '@zhishou/flow-schema';
import { connectionProblem } from '../store/document/actions';
import { useEditor, useEditorStore } from '../store/context';
import { createReactFlowMapper, type CanvasEdge, type CanvasNode, type ProblemMarks, type Severity } from '../store/mapping';
import type { Problem, Size } from '../store/editorStore';
import { FlowNodeView } from './FlowNodeView';
import { GuardEdge } from './GuardEdge';
import { DRAG_MIME } from './Palette';
import { DEFAULT_NODE_SIZE } from './layout';

/**
 * Above this size a flow opens at 100 % on its start node instead of fitting everything: hundreds of
 * cards at 10 % zoom are unreadable, and culling what is off screen keeps drags and pans smooth.
 */
export const LARGE_FLOW_NODES = 150;
/** Fit view (toolbar, controls, opening) never zooms past 100 %: a card is readable at 100 %. */
// Room on the left for the controls and at the bottom for the minimap, so fit view puts no node under them.
export const FIT_VIEW = { maxZoom: 1, padding: { top: '24px', right: '24px', bottom: '128px', left: '56px' } } as const;

const nodeTypes: NodeTypes = Object.fromEntries(NODE_KINDS.map((kind) => [kind, FlowNodeView]));
const edgeTypes: EdgeTypes = { guard: GuardEdge };
const worse = (a: Severity | undefined, b: Severity): Severity => (a === 'error' || b === 'error' ? 'error' : 'warning');

export function problemMarks(problems: readonly Problem[]): ProblemMarks {
  const nodes = new Map<string, Severity>();
  const edges = new Map<string, Severity>();
  for (const problem of problems) {
    if (problem.nodeId && !problem.edgeId) nodes.set(problem.nodeId, worse(nodes.get(problem.nodeId), problem.severity));
    if (problem.edgeId) edges.set(problem.edgeId, worse(edges.get(problem.edgeId), problem.severity));
  }
  return { nodes, edges };
}

function isKind(value: string): value is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(value);
}

/** The React Flow canvas: renders what the store derives and turns gestures into store actions. */
export function FlowCanvas() {
  const { t } = useTranslation();
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const measured = useEditor((s) => s.measured);
  const highlight = useEditor((s) => s.highlight);
  const problems = useEditor((s) => s.problems);
  const readOnly = useEditor((s) => s.meta.readOnly);
  const focusRequest = useEditor((s) => s.focusRequest);
  const flow = useReactFlow<CanvasNode, CanvasEdge>();

  const mapper = useMemo(createReactFlowMapper, []);
  const [large] = useState(() => store.getState().doc.nodes.length > LARGE_FLOW_NODES);
  const paneRef = useRef<HTMLDivElement>(null);
  // Opening view: flows run top to bottom, so a flow that fits at 100 % is shown from its top;
  // a bigger one is fitted (at most 100 %); a large one opens at 100 % on its start node.
  const onInit = useCallback(() => {
    const nodesNow = flow.getNodes();
    const pane = paneRef.current?.getBoundingClientRect();
    if (!pane || nodesNow.length === 0) return;
    if (large) {
      const start = store.getState().doc.nodes.find((n) => n.kind === 'start') ?? store.getState().doc.nodes[0];
      const at = start?.position ?? { x: 0, y: 0 };
      void flow.setViewport({ x: pane.width / 2 - (at.x + DEFAULT_NODE_SIZE.width / 2), y: 40 - at.y, zoom: 1 });
      return;
    }
    const bounds = flow.getNodesBounds(nodesNow);
    if (bounds.width + 80 <= pane.width && bounds.height + 80 <= pane.height) {
      void flow.setViewport({ x: pane.width / 2 - (bounds.x + bounds.width / 2), y: 40 - bounds.y, zoom: 1 });
    } else {
      void flow.fitView(FIT_VIEW);
    }
  }, [large, flow, store]);
  const marks = useMemo(() => problemMarks(problems), [problems]);
  const { nodes, edges } = useMemo(() => mapper({ doc, selection, measured, marks, highlight }), [mapper, doc, selection, measured, marks, highlight]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const state = store.getState();
      const positions: Record<string, { x: number; y: number }> = {};
      const sizes: Record<string, Size> = {};
      let selectedNodes: string[] | null = null;
      for (const change of changes) {
        if (change.type === 'position' && change.position) positions[change.id] = change.position;
        if (change.type === 'dimensions' && change.dimensions) {
          const old = state.measured[change.id];
          if (!old || old.width !== change.dimensions.width || old.height !== change.dimensions.height) sizes[change.id] = change.dimensions;
        }
        if (change.type === 'select') {
          selectedNodes ??= [...state.selection.nodes];
          selectedNodes = change.selected ? [...new Set([...selectedNodes, change.id])] : selectedNodes.filter((id) => id !== change.id);
        }
      }
      if (Object.keys(sizes).length > 0) state.setMeasured(sizes);
      if (Object.keys(positions).length > 0) state.moveNodes(positions);
      if (selectedNodes) state.select({ nodes: selectedNodes, edges: store.getState().selection.edges });
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => {
      const state = store.getState();
      let selectedEdges: string[] | null = null;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selectedEdges ??= [...state.selection.edges];
        selectedEdges = change.selected ? [...new Set([...selectedEdges, change.id])] : selectedEdges.filter((id) => id !== change.id);
      }
      if (selectedEdges) state.select({ nodes: store.getState().selection.nodes, edges: selectedEdges });
    },
    [store],
  );

  const onSelectionChange = useCallback(
    ({ nodes: picked, edges: pickedEdges }: OnSelectionChangeParams<CanvasNode, CanvasEdge>) => {
      if (picked.length + pickedEdges.length === 1) store.getState().openPanel('inspector');
    },
    [store],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const id = store.getState().connect(connection);
      if (id) store.getState().openPanel('inspector');
    },
    [store],
  );

  const isValidConnection = useCallback(
    (connection: Connection | CanvasEdge) =>
      connectionProblem(store.getState().doc, { source: connection.source, target: connection.target, sourceHandle: connection.sourceHandle ?? null }) === null,
    [store],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const kind = event.dataTransfer.getData(DRAG_MIME) || event.dataTransfer.getData('text/plain');
      if (!isKind(kind) || kind === 'start') return;
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      store.getState().addNode(kind, { x: at.x - DEFAULT_NODE_SIZE.width / 2, y: at.y - 20 });
      store.getState().openPanel('inspector');
    },
    [flow, store],
  );

  // Centre the node asked for by the problems panel or the search box.
  useEffect(() => {
    if (!focusRequest) return;
    const node = store.getState().doc.nodes.find((n) => n.id === focusRequest.nodeId);
    if (!node) return;
    const size = store.getState().measured[node.id] ?? DEFAULT_NODE_SIZE;
    const at = node.position ?? { x: 0, y: 0 };
    // No animation: the view is settled as soon as the node is selected (nothing moves under the pointer).
    void flow.setCenter(at.x + size.width / 2, at.y + size.height / 2, { zoom: Math.max(flow.getZoom(), 1) });
  }, [focusRequest, flow, store]);

  // React Flow's built-in labels (controls' tooltips, minimap, keyboard help) in the user's language.
  const ariaLabels = useMemo(() => ({
    'controls.ariaLabel': t('editor.controls.label'),
    'controls.zoomIn.ariaLabel': t('editor.controls.zoomIn'),
    'controls.zoomOut.ariaLabel': t('editor.controls.zoomOut'),
    'controls.fitView.ariaLabel': t('editor.controls.fitView'),
    'controls.interactive.ariaLabel': t('editor.controls.interactive'),
    'minimap.ariaLabel': t('editor.controls.minimap'),
    'handle.ariaLabel': t('editor.controls.handle'),
    'node.a11yDescription.default': t('editor.controls.nodeHelp'),
    'node.a11yDescription.keyboardDisabled': t('editor.controls.keyboardDisabled'),
    'node.a11yDescription.ariaLiveMessage': ({ x, y }: { direction: string; x: number; y: number }) => t('editor.controls.moved', { x, y }),
    'edge.a11yDescription.default': t('editor.controls.edgeHelp'),
  }), [t]);

  return (
    <div ref={paneRef} style={{ flex: 1, minWidth: 0, height: '100%' }} data-testid="canvas" onDragOver={(event) => { event.preventDefault(); event.dataTransfer.dropEffect = 'move'; }} onDrop={onDrop}>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onSelectionChange={onSelectionChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDragStart={() => store.getState().beginGesture()}
        onNodeDragStop={() => store.getState().endGesture()}
        onSelectionDragStart={() => store.getState().beginGesture()}
        onSelectionDragStop={() => store.getState().endGesture()}
        onPaneClick={() => store.getState().select({ nodes: [], edges: [] })}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        selectionKeyCode="Shift"
        onInit={onInit}
        fitViewOptions={FIT_VIEW}
        minZoom={0.1}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
        defaultEdgeOptions={{ type: 'guard' }}
        aria-label={t('editor.canvas')}
        ariaLabelConfig={ariaLabels}
      >
        <Background gap={16} />
        <MiniMap pannable zoomable nodeStrokeWidth={3} data-testid="minimap" style={{ width: 160, height: 96, margin: 12, opacity: 0.9 }} />
        <Controls position="top-left" showInteractive={false} fitViewOptions={FIT_VIEW} />
      </ReactFlow>
    </div>
  );
}
