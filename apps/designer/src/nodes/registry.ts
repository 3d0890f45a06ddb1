import type { ComponentType } from 'react';
import {
  askConfigSchema, conditionConfigSchema, endConfigSchema, faqConfigSchema, handoffConfigSchema, httpConfigSchema,
  imageConfigSchema, listenConfigSchema, messageConfigSchema, setConfigSchema, startConfigSchema, subflowConfigSchema,
  waitConfigSchema, type Flow, type FlowNode, type NodeKind,
} from '@zhishou/flow-schema';
import { NODE_DEFAULTS } from './defaults';
import { NODE_ICONS } from './icons';
import { AskCard } from './ask/Card';
import { AskPanel } from './ask/Panel';
import { validateAsk } from './ask/validate';
import { ConditionCard } from './condition/Card';
import { ConditionPanel } from './condition/Panel';
import { EndCard } from './end/Card';
import { EndPanel } from './end/Panel';
import { FaqCard } from './faq/Card';
import { FaqPanel } from './faq/Panel';
import { HandoffCard } from './handoff/Card';
import { HandoffPanel } from './handoff/Panel';
import { HttpCard } from './http/Card';
import { HttpPanel } from './http/Panel';
import { validateHttp } from './http/validate';
import { ImageCard } from './image/Card';
import { ImagePanel } from './image/Panel';
import { ListenCard } from './listen/Card';
import { ListenPanel } from './listen/Panel';
import { MessageCard } from './message/Card';
import { MessagePanel } from './message/Panel';
import { SetCard } from './set/Card';
import { SetPanel } from './set/Panel';
import { StartCard } from './start/Card';
import { StartPanel } from './start/Panel';
import { SubflowCard } from './subflow/Card';
import { SubflowPanel } from './subflow/Panel';
import { WaitCard } from './wait/Card';
import { WaitPanel } from './wait/Panel';
import type { NodeCardProps, NodeIssue, NodePanelProps, NodeRegistry } from './types';

/** Every node kind's designer parts, in one typed table (adding a kind without its parts fails to compile). */
export const NODE_REGISTRY: NodeRegistry = {
  start: { kind: 'start', color: '#52c41a', icon: NODE_ICONS.start, schema: startConfigSchema, defaults: NODE_DEFAULTS.start, Card: StartCard, Panel: StartPanel },
  message: { kind: 'message', color: '#1677ff', icon: NODE_ICONS.message, schema: messageConfigSchema, defaults: NODE_DEFAULTS.message, Card: MessageCard, Panel: MessagePanel },
  ask: { kind: 'ask', color: '#722ed1', icon: NODE_ICONS.ask, schema: askConfigSchema, defaults: NODE_DEFAULTS.ask, Card: AskCard, Panel: AskPanel, validate: validateAsk },
  listen: { kind: 'listen', color: '#13c2c2', icon: NODE_ICONS.listen, schema: listenConfigSchema, defaults: NODE_DEFAULTS.listen, Card: ListenCard, Panel: ListenPanel },
  condition: { kind: 'condition', color: '#fa8c16', icon: NODE_ICONS.condition, schema: conditionConfigSchema, defaults: NODE_DEFAULTS.condition, Card: ConditionCard, Panel: ConditionPanel },
  http: { kind: 'http', color: '#2f54eb', icon: NODE_ICONS.http, schema: httpConfigSchema, defaults: NODE_DEFAULTS.http, Card: HttpCard, Panel: HttpPanel, validate: validateHttp },
  faq: { kind: 'faq', color: '#08979c', icon: NODE_ICONS.faq, schema: faqConfigSchema, defaults: NODE_DEFAULTS.faq, Card: FaqCard, Panel: FaqPanel, notReady: 'nodes.faq.notReady' },
  image: { kind: 'image', color: '#eb2f96', icon: NODE_ICONS.image, schema: imageConfigSchema, defaults: NODE_DEFAULTS.image, Card: ImageCard, Panel: ImagePanel, notReady: 'nodes.image.notReady' },
  set: { kind: 'set', color: '#597ef7', icon: NODE_ICONS.set, schema: setConfigSchema, defaults: NODE_DEFAULTS.set, Card: SetCard, Panel: SetPanel },
  wait: { kind: 'wait', color: '#faad14', icon: NODE_ICONS.wait, schema: waitConfigSchema, defaults: NODE_DEFAULTS.wait, Card: WaitCard, Panel: WaitPanel },
  handoff: { kind: 'handoff', color: '#f5222d', icon: NODE_ICONS.handoff, schema: handoffConfigSchema, defaults: NODE_DEFAULTS.handoff, Card: HandoffCard, Panel: HandoffPanel },
  subflow: { kind: 'subflow', color: '#9254de', icon: NODE_ICONS.subflow, schema: subflowConfigSchema, defaults: NODE_DEFAULTS.subflow, Card: SubflowCard, Panel: SubflowPanel },
  end: { kind: 'end', color: '#595959', icon: NODE_ICONS.end, schema: endConfigSchema, defaults: NODE_DEFAULTS.end, Card: EndCard, Panel: EndPanel },
};

/*
 * A FlowNode is a union; TS cannot correlate `node.kind` with `NODE_REGISTRY[node.kind]`. These
 * helpers hold the one widening needed to use a kind's parts with "some node".
 */
export function cardFor(node: FlowNode): ComponentType<NodeCardProps<NodeKind>> {
  return NODE_REGISTRY[node.kind].Card as unknown as ComponentType<NodeCardProps<NodeKind>>;
}

export function panelFor(node: FlowNode): ComponentType<NodePanelProps<NodeKind>> {
  return NODE_REGISTRY[node.kind].Panel as unknown as ComponentType<NodePanelProps<NodeKind>>;
}

export function kindIssues(node: FlowNode, doc: Flow): NodeIssue[] {
  const validate = NODE_REGISTRY[node.kind].validate as ((n: FlowNode, d: Flow) => NodeIssue[]) | undefined;
  return validate ? validate(node, doc) : [];
}
