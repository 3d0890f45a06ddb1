import type { NodeKind, NodeOfKind } from '@zhishou/flow-schema';
import { askHandler } from './ask';
import { conditionHandler } from './condition';
import { endHandler } from './end';
import { faqHandler } from './faq';
import { handoffHandler } from './handoff';
import { httpHandler } from './http';
import { imageHandler } from './image';
import { listenHandler } from './listen';
import { messageHandler } from './message';
import { setHandler } from './set';
import { startHandler } from './start';
import { subflowHandler } from './subflow';
import type { NodeHandler } from './types';
import { waitHandler } from './wait';

/** One handler per node kind; adding a kind to the schema without a handler fails typechecking. */
export const NODE_HANDLERS: { [K in NodeKind]: NodeHandler<K> } = {
  start: startHandler,
  message: messageHandler,
  ask: askHandler,
  listen: listenHandler,
  condition: conditionHandler,
  http: httpHandler,
  faq: faqHandler,
  image: imageHandler,
  set: setHandler,
  wait: waitHandler,
  handoff: handoffHandler,
  subflow: subflowHandler,
  end: endHandler,
};

export function handlerFor<K extends NodeKind>(node: NodeOfKind<K>): NodeHandler<K> {
  return NODE_HANDLERS[node.kind as K];
}
