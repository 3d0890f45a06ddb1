import type { Flow, FlowInput, GlobalTransition, Guard, NodeKind, TopLevelCondition } from '@zhishou/flow-schema';
import { CURRENT_FLOW_SCHEMA_VERSION, flowSchema } from '@zhishou/flow-schema';

type NodeInput = FlowInput['nodes'][number];
type NodeInputOfKind<K extends NodeKind> = Extract<NodeInput, { kind: K }>;
/** A node's config as written by hand (defaults not yet applied). */
export type ConfigInput<K extends NodeKind> = NodeInputOfKind<K>['config'];
type SettingsInput = NonNullable<FlowInput['settings']>;
type GlobalInput = NonNullable<SettingsInput['globalTransitions']>[number];

export interface EdgeOptions {
  handle?: string;
  guard?: Guard;
  priority?: number;
  id?: string;
}

/** Guard shorthands for edges and global transitions. */
export const guards = {
  default: (): Guard => ({ type: 'default' }),
  intent: (intents: string | string[], minConfidence?: number): Guard => ({
    type: 'intent',
    intents: Array.isArray(intents) ? intents : [intents],
    ...(minConfidence === undefined ? {} : { minConfidence }),
  }),
  emotion: (emotions: Extract<Guard, { type: 'emotion' }>['emotions'], minScore?: number): Guard => ({
    type: 'emotion',
    emotions,
    ...(minScore === undefined ? {} : { minScore }),
  }),
  condition: (condition: TopLevelCondition): Guard => ({ type: 'condition', condition }),
  slotFilled: (slot: string): Guard => ({ type: 'slot_filled', slot }),
};

/**
 * Fluent builder for flow documents in tests. Nodes get a left-to-right position, edges get ids
 * e1, e2, …; `build()` parses through the real schema, so a builder mistake fails loudly.
 *
 *   flowBuilder('demo').start().message('hi', '你好').end('bye').chain('start', 'hi', 'bye').build()
 */
export class FlowBuilder {
  private readonly nodes: NodeInput[] = [];
  private readonly edges: NonNullable<FlowInput['edges']> = [];
  private readonly slots: NonNullable<FlowInput['slots']> = [];
  private readonly variables: NonNullable<FlowInput['variables']> = [];
  private readonly globals: GlobalInput[] = [];
  private settingsInput: Omit<SettingsInput, 'globalTransitions'> = {};

  constructor(private readonly key: string, private readonly name: string = key) {}

  node<K extends NodeKind>(kind: K, id: string, config: ConfigInput<K>): this {
    const position = { x: this.nodes.length * 240, y: 0 };
    this.nodes.push({ id, kind, config, position } as NodeInput);
    return this;
  }

  start(id = 'start'): this {
    return this.node('start', id, {});
  }
  message(id: string, variants: string | string[], more: Omit<ConfigInput<'message'>, 'variants'> = {}): this {
    return this.node('message', id, { variants: toList(variants), ...more });
  }
  ask(id: string, slot: string, prompt: string | string[], more: Omit<ConfigInput<'ask'>, 'slot' | 'prompt'> = {}): this {
    return this.node('ask', id, { slot, prompt: toList(prompt), ...more });
  }
  listen(id: string, config: ConfigInput<'listen'> = {}): this {
    return this.node('listen', id, config);
  }
  condition(id: string, condition: TopLevelCondition): this {
    return this.node('condition', id, { condition });
  }
  http(id: string, config: ConfigInput<'http'>): this {
    return this.node('http', id, config);
  }
  faq(id: string, config: ConfigInput<'faq'> = {}): this {
    return this.node('faq', id, config);
  }
  image(id: string, saveAs: string): this {
    return this.node('image', id, { saveAs });
  }
  set(id: string, assignments: ConfigInput<'set'>['assignments']): this {
    return this.node('set', id, { assignments });
  }
  wait(id: string, delay: ConfigInput<'wait'>['delay']): this {
    return this.node('wait', id, { delay });
  }
  handoff(id: string, config: ConfigInput<'handoff'> = {}): this {
    return this.node('handoff', id, config);
  }
  subflow(id: string, flow: string): this {
    return this.node('subflow', id, { flow });
  }
  end(id = 'end', config: ConfigInput<'end'> = {}): this {
    return this.node('end', id, config);
  }

  edge(source: string, target: string, options: EdgeOptions = {}): this {
    this.edges.push({
      id: options.id ?? `e${this.edges.length + 1}`,
      source,
      target,
      sourceHandle: options.handle ?? 'out',
      guard: options.guard ?? { type: 'default' },
      priority: options.priority ?? 0,
    });
    return this;
  }
  /** Default edges on `out` between consecutive ids. */
  chain(...ids: string[]): this {
    for (let i = 1; i < ids.length; i++) this.edge(ids[i - 1] as string, ids[i] as string);
    return this;
  }
  slot(key: string, type = 'text'): this {
    this.slots.push({ key, type });
    return this;
  }
  variable(key: string, defaultValue?: GlobalVariableDefault): this {
    this.variables.push(defaultValue === undefined ? { key } : { key, default: defaultValue });
    return this;
  }
  global(id: string, guard: Guard, target: GlobalTransition['target'], priority = 0): this {
    this.globals.push({ id, guard, target, priority });
    return this;
  }
  settings(settings: Omit<SettingsInput, 'globalTransitions'>): this {
    this.settingsInput = { ...this.settingsInput, ...settings };
    return this;
  }

  /** The raw document (as a designer would save it). */
  document(): FlowInput {
    return {
      schemaVersion: CURRENT_FLOW_SCHEMA_VERSION,
      key: this.key,
      name: this.name,
      nodes: this.nodes,
      edges: this.edges,
      slots: this.slots,
      variables: this.variables,
      settings: { ...this.settingsInput, globalTransitions: this.globals },
    };
  }

  build(): Flow {
    return flowSchema.parse(this.document());
  }
}

type GlobalVariableDefault = NonNullable<NonNullable<FlowInput['variables']>[number]['default']>;

function toList(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

export function flowBuilder(key = 'test', name?: string): FlowBuilder {
  return new FlowBuilder(key, name);
}
