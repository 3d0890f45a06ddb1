import type { ConversationState, Flow, JsonValue } from '@zhishou/flow-schema';

/** The state of a conversation that has not run yet: at no node, variables at their defaults. */
export function initialState(flow: Flow): ConversationState {
  return {
    flowKey: flow.key,
    status: 'active',
    nodeId: null,
    slots: {},
    vars: variableDefaults(flow, {}),
    stack: [],
    attempts: {},
    timer: null,
    turn: 0,
    outcome: null,
    lastNlu: null,
  };
}

/** Declared defaults for variables not set yet (a subflow's variables join the shared namespace). */
export function variableDefaults(flow: Flow, vars: Record<string, JsonValue>): Record<string, JsonValue> {
  const next = { ...vars };
  for (const variable of flow.variables) {
    if (!(variable.key in next) && variable.default !== undefined) next[variable.key] = structuredClone(variable.default);
  }
  return next;
}

/** A slot counts as filled when it holds something other than null or an empty string. */
export function isFilled(value: JsonValue | undefined): boolean {
  return value !== undefined && value !== null && value !== '';
}
