import type { Flow, FlowNode, Guard } from './flow';
import { NODE_HANDLES } from './flow';
import { checkCondition } from './condition-check';
import { compileLinearRegex } from './safe-regex';
import type { TopLevelCondition } from './condition';
import { cyclesWithoutWait, reachableFrom, startNodes } from './graph';
import { TEMPLATE_NLU_FIELDS, TEMPLATE_ROOTS, templatePlaceholders } from './template';

/**
 * Structured validation of a (schema-valid) flow. Each issue has a stable code; the designer maps
 * `messageKey` (`validation.<code>`) to zh-CN / en text and fills in `params`.
 */
export const VALIDATION_CODES = {
  no_start: 'error',
  multiple_starts: 'error',
  duplicate_node_id: 'error',
  duplicate_edge_id: 'error',
  duplicate_slot: 'error',
  duplicate_variable: 'error',
  dangling_edge_source: 'error',
  dangling_edge_target: 'error',
  invalid_handle: 'error',
  unreachable_node: 'warning',
  dead_end: 'warning',
  condition_missing_branch: 'error',
  undeclared_slot: 'error',
  template_unknown_slot: 'error',
  template_unknown_variable: 'error',
  template_unknown_field: 'warning',
  cycle_without_wait: 'error',
  unknown_subflow: 'error',
  unknown_intent: 'warning',
  unknown_slot_type: 'warning',
  global_unknown_node: 'error',
  invalid_condition: 'error',
  invalid_regex: 'error',
} as const satisfies Record<string, ValidationSeverity>;

export type ValidationSeverity = 'error' | 'warning';
export type ValidationCode = keyof typeof VALIDATION_CODES;
export const VALIDATION_CODE_LIST = Object.keys(VALIDATION_CODES) as ValidationCode[];

export interface ValidationIssue {
  code: ValidationCode;
  severity: ValidationSeverity;
  nodeId?: string;
  edgeId?: string;
  messageKey: `validation.${ValidationCode}`;
  params?: Record<string, string | number>;
}

export interface ValidationContext {
  /** Intent keys of the bot's NLU data; when given, intent guards on other keys are reported. */
  intents?: readonly string[];
  /** Flow keys of the bot; when given, subflow nodes and global transitions to other keys are errors. */
  flowKeys?: readonly string[];
  /** Slot-type keys and entity kinds the NLU understands; when given, slot declarations are checked. */
  slotTypes?: readonly string[];
}

type Where = { nodeId?: string; edgeId?: string };

function issue(code: ValidationCode, where: Where = {}, params?: Record<string, string | number>): ValidationIssue {
  return { code, severity: VALIDATION_CODES[code], ...where, messageKey: `validation.${code}`, ...(params ? { params } : {}) };
}

export function validateFlow(flow: Flow, context: ValidationContext = {}): ValidationIssue[] {
  return [
    ...checkStart(flow),
    ...checkDuplicates(flow),
    ...checkEdges(flow),
    ...checkReachability(flow),
    ...checkBranches(flow),
    ...checkSlotsAndTemplates(flow),
    ...checkCycles(flow),
    ...checkReferences(flow, context),
    ...checkConditions(flow),
  ];
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((found) => found.severity === 'error');
}

function checkStart(flow: Flow): ValidationIssue[] {
  const starts = startNodes(flow);
  if (starts.length === 0) return [issue('no_start')];
  if (starts.length > 1) return starts.slice(1).map((node) => issue('multiple_starts', { nodeId: node.id }, { count: starts.length }));
  return [];
}

function duplicates(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const key of keys) (seen.has(key) ? repeated : seen).add(key);
  return [...repeated];
}

function checkDuplicates(flow: Flow): ValidationIssue[] {
  return [
    ...duplicates(flow.nodes.map((node) => node.id)).map((id) => issue('duplicate_node_id', { nodeId: id }, { id })),
    ...duplicates(flow.edges.map((edge) => edge.id)).map((id) => issue('duplicate_edge_id', { edgeId: id }, { id })),
    ...duplicates(flow.slots.map((slot) => slot.key)).map((key) => issue('duplicate_slot', {}, { key })),
    ...duplicates(flow.variables.map((variable) => variable.key)).map((key) => issue('duplicate_variable', {}, { key })),
  ];
}

function checkEdges(flow: Flow): ValidationIssue[] {
  const byId = new Map(flow.nodes.map((node) => [node.id, node]));
  const found: ValidationIssue[] = [];
  for (const edge of flow.edges) {
    const source = byId.get(edge.source);
    if (!source) found.push(issue('dangling_edge_source', { edgeId: edge.id }, { source: edge.source }));
    if (!byId.has(edge.target)) found.push(issue('dangling_edge_target', { edgeId: edge.id }, { target: edge.target }));
    const handles: readonly string[] = source ? NODE_HANDLES[source.kind] : [];
    if (source && !handles.includes(edge.sourceHandle)) {
      found.push(issue('invalid_handle', { edgeId: edge.id, nodeId: source.id }, { handle: edge.sourceHandle, kind: source.kind }));
    }
  }
  return found;
}

function globalNodeTargets(flow: Flow): string[] {
  return flow.settings.globalTransitions.flatMap((transition) => ('node' in transition.target ? [transition.target.node] : []));
}

function checkReachability(flow: Flow): ValidationIssue[] {
  const roots = [...startNodes(flow).map((node) => node.id), ...globalNodeTargets(flow)];
  if (startNodes(flow).length === 0) return [];
  const reachable = reachableFrom(flow, roots);
  const found: ValidationIssue[] = [];
  for (const node of flow.nodes) {
    if (!reachable.has(node.id)) found.push(issue('unreachable_node', { nodeId: node.id }));
    const hasWayOut = flow.edges.some((edge) => edge.source === node.id);
    if (node.kind !== 'end' && !hasWayOut) found.push(issue('dead_end', { nodeId: node.id }, { kind: node.kind }));
  }
  return found;
}

function checkBranches(flow: Flow): ValidationIssue[] {
  return flow.nodes
    .filter((node) => node.kind === 'condition')
    .flatMap((node) =>
      (['true', 'false'] as const)
        .filter((handle) => !flow.edges.some((edge) => edge.source === node.id && edge.sourceHandle === handle))
        .map((handle) => issue('condition_missing_branch', { nodeId: node.id }, { handle })),
    );
}

/** Template strings of a node, so placeholders can be checked against declarations. */
function nodeTemplates(node: FlowNode): string[] {
  switch (node.kind) {
    case 'message':
      return node.config.variants;
    case 'ask':
      return [...node.config.prompt, ...node.config.reprompt];
    case 'listen':
      return [...node.config.prompt, ...node.config.noMatch];
    case 'http':
      return [node.config.url, ...Object.values(node.config.headers), ...(node.config.body ? [node.config.body] : [])];
    case 'set':
      return node.config.assignments.flatMap((assignment) => (typeof assignment.value === 'string' ? [assignment.value] : []));
    case 'handoff':
      return [...node.config.message, ...(node.config.reason ? [node.config.reason] : [])];
    case 'end':
      return node.config.message;
    default:
      return [];
  }
}

/** Variables a flow may read: declared ones plus those nodes save results into. */
function knownVariables(flow: Flow): Set<string> {
  const known = new Set(flow.variables.map((variable) => variable.key));
  for (const node of flow.nodes) {
    if ((node.kind === 'http' || node.kind === 'image') && node.config.saveAs) known.add(node.config.saveAs);
    if (node.kind === 'faq' && node.config.saveAs) known.add(node.config.saveAs);
    if (node.kind === 'set') for (const assignment of node.config.assignments) if (assignment.scope === 'vars') known.add(assignment.key);
  }
  return known;
}

function checkSlotsAndTemplates(flow: Flow): ValidationIssue[] {
  const slots = new Set(flow.slots.map((slot) => slot.key));
  const variables = knownVariables(flow);
  const found: ValidationIssue[] = [];
  const checkGuard = (guard: Guard, where: Where) => {
    if (guard.type === 'slot_filled' && !slots.has(guard.slot)) found.push(issue('undeclared_slot', where, { slot: guard.slot }));
  };
  for (const node of flow.nodes) {
    const where = { nodeId: node.id };
    if (node.kind === 'ask' && !slots.has(node.config.slot)) found.push(issue('undeclared_slot', where, { slot: node.config.slot }));
    if (node.kind === 'set') {
      for (const assignment of node.config.assignments) {
        if (assignment.scope === 'slots' && !slots.has(assignment.key)) found.push(issue('undeclared_slot', where, { slot: assignment.key }));
      }
    }
    for (const template of nodeTemplates(node)) {
      for (const placeholder of templatePlaceholders(template)) {
        const [name = ''] = placeholder.path;
        if (placeholder.root === 'slots' && !slots.has(name)) found.push(issue('template_unknown_slot', where, { slot: name, placeholder: placeholder.raw }));
        else if (placeholder.root === 'vars' && !variables.has(name)) found.push(issue('template_unknown_variable', where, { variable: name, placeholder: placeholder.raw }));
        else if (placeholder.root === 'nlu' && !(TEMPLATE_NLU_FIELDS as readonly string[]).includes(name)) found.push(issue('template_unknown_field', where, { placeholder: placeholder.raw }));
        else if (!(TEMPLATE_ROOTS as readonly string[]).includes(placeholder.root)) found.push(issue('template_unknown_field', where, { placeholder: placeholder.raw }));
      }
    }
  }
  for (const edge of flow.edges) checkGuard(edge.guard, { edgeId: edge.id });
  for (const transition of flow.settings.globalTransitions) checkGuard(transition.guard, {});
  return found;
}

function checkCycles(flow: Flow): ValidationIssue[] {
  return cyclesWithoutWait(flow).map((component) =>
    issue('cycle_without_wait', { nodeId: [...component].sort()[0] }, { nodes: [...component].sort().join(', ') }),
  );
}

function checkReferences(flow: Flow, context: ValidationContext): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const nodeIds = new Set(flow.nodes.map((node) => node.id));
  const flowKeys = context.flowKeys ? new Set([...context.flowKeys, flow.key]) : null;
  const intents = context.intents ? new Set(context.intents) : null;
  const checkIntents = (guard: Guard, where: Where) => {
    if (guard.type !== 'intent' || !intents) return;
    for (const intent of guard.intents) if (!intents.has(intent)) found.push(issue('unknown_intent', where, { intent }));
  };

  for (const node of flow.nodes) {
    if (node.kind === 'subflow' && flowKeys && !flowKeys.has(node.config.flow)) {
      found.push(issue('unknown_subflow', { nodeId: node.id }, { flow: node.config.flow }));
    }
  }
  for (const edge of flow.edges) checkIntents(edge.guard, { edgeId: edge.id });
  for (const transition of flow.settings.globalTransitions) {
    checkIntents(transition.guard, {});
    const target = transition.target;
    if ('node' in target && !nodeIds.has(target.node)) found.push(issue('global_unknown_node', {}, { transition: transition.id, node: target.node }));
    if ('flow' in target && flowKeys && !flowKeys.has(target.flow)) found.push(issue('unknown_subflow', {}, { transition: transition.id, flow: target.flow }));
  }
  if (context.slotTypes) {
    const slotTypes = new Set([...context.slotTypes, 'text']);
    for (const slot of flow.slots) if (!slotTypes.has(slot.type)) found.push(issue('unknown_slot_type', {}, { slot: slot.key, type: slot.type }));
  }
  return found;
}

/** Conditions of condition nodes, edge guards and global transitions, checked as the evaluator will. */
function checkConditions(flow: Flow): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const check = (condition: TopLevelCondition, where: Where) => {
    for (const problem of checkCondition(condition)) {
      found.push(issue('invalid_condition', where, { reason: problem.code, at: problem.path.join('.'), message: problem.message }));
    }
  };
  for (const node of flow.nodes) {
    if (node.kind === 'condition') check(node.config.condition, { nodeId: node.id });
    if (node.kind === 'ask' && node.config.validation.regex !== undefined) {
      const compiled = compileLinearRegex(node.config.validation.regex);
      if (!compiled.ok) found.push(issue('invalid_regex', { nodeId: node.id }, { pattern: node.config.validation.regex, message: compiled.reason }));
    }
  }
  for (const edge of flow.edges) if (edge.guard.type === 'condition') check(edge.guard.condition, { edgeId: edge.id });
  for (const transition of flow.settings.globalTransitions) {
    if (transition.guard.type === 'condition') check(transition.guard.condition, {});
  }
  return found;
}
