import { CURRENT_FLOW_SCHEMA_VERSION, type Flow } from '@zhishou/flow-schema';

/** A new flow: just a start node, so ops begin from an empty canvas. */
export function newFlowDocument(key: string, name: string): Flow {
  return {
    schemaVersion: CURRENT_FLOW_SCHEMA_VERSION,
    key,
    name,
    locale: 'zh-CN',
    nodes: [{ id: 'start', kind: 'start', name: '开始', position: { x: 0, y: 0 }, config: {} }],
    edges: [],
    slots: [],
    variables: [],
    settings: { globalTransitions: [], minConfidence: 0.5, maxStepsPerTurn: 50, fallback: [] },
  };
}
