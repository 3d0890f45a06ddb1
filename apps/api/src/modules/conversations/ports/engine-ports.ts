import { PortNotConfiguredError, type ConditionEvaluator, type EnginePorts, type Flow, type HttpPort, type ImagePort, type KnowledgePort } from '@zhishou/flow-schema';

/** Until the knowledge base exists (a later issue) faq nodes take their no_answer edge, traced as "not configured". */
export const knowledgeNotConfigured: KnowledgePort = {
  answer: async () => {
    throw new PortNotConfiguredError('knowledge');
  },
};

/** Until the image model exists (a later issue) image nodes take their error edge, traced as "not configured". */
export const imageNotConfigured: ImagePort = {
  attributes: async () => {
    throw new PortNotConfiguredError('image');
  },
};

/** Ports for one turn: shared adapters plus a resolver over the conversation's pinned flows. */
export function enginePorts(shared: { conditions: ConditionEvaluator; http: HttpPort; knowledge?: KnowledgePort; image?: ImagePort }, flows: ReadonlyMap<string, Flow>): EnginePorts {
  return {
    conditions: shared.conditions,
    http: shared.http,
    knowledge: shared.knowledge ?? knowledgeNotConfigured,
    image: shared.image ?? imageNotConfigured,
    flows: { get: (key) => flows.get(key) },
  };
}
