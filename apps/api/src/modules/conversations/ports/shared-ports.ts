import type { ConditionEvaluator, HttpPort, ImagePort, KnowledgePort } from '@zhishou/flow-schema';

/** The process-wide engine adapters (conditions, http, and later knowledge/image), shared by chat and preview. */
export interface SharedPorts {
  conditions: ConditionEvaluator;
  http: HttpPort;
  knowledge?: KnowledgePort;
  image?: ImagePort;
}

export const ENGINE_SHARED_PORTS = Symbol('ENGINE_SHARED_PORTS');
/** Hosts an admin allow-listed for http nodes (private addresses allowed for exactly these). */
export const HTTP_ALLOWED_HOSTS = Symbol('HTTP_ALLOWED_HOSTS');
