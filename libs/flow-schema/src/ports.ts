import type { JsonValue } from './common';
import type { ConditionEvaluator } from './condition';
import type { Flow } from './flow';

/**
 * The engine's ports: everything outside the pure interpreter. Declared here (the shared contract
 * package) so adapters in apps/api and fakes in @zhishou/testing implement them without depending on
 * the engine; `@zhishou/engine` re-exports them.
 */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** 0 (or absent) on the first try; on a retry the port waits first (exponential backoff with jitter). */
  attempt?: number;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON when the response was JSON, else the text. */
  body: JsonValue;
}

/** Throws on network error or timeout; any HTTP status is a response. */
export interface HttpPort {
  request(request: HttpRequest): Promise<HttpResponse>;
}

export interface KnowledgeAnswer {
  answer: string;
  score: number;
}

export interface KnowledgePort {
  answer(question: string, options: { threshold: number }): Promise<KnowledgeAnswer | null>;
}

export interface ImagePort {
  attributes(image: string): Promise<Record<string, string | number>>;
}

export interface FlowResolver {
  get(flowKey: string): Flow | undefined;
}

export interface EnginePorts {
  conditions: ConditionEvaluator;
  http: HttpPort;
  knowledge: KnowledgePort;
  image: ImagePort;
  flows: FlowResolver;
}

/**
 * Thrown by a port whose backing service does not exist yet (knowledge base, image model). The engine
 * takes the node's no_answer / error handle and traces why; it never invents an answer.
 */
export class PortNotConfiguredError extends Error {
  constructor(readonly port: string) {
    super(`${port} is not configured`);
    this.name = 'PortNotConfiguredError';
  }
}

/** True also for an error from another copy of this module (checked by name, not only instanceof). */
export function isPortNotConfigured(error: unknown): error is PortNotConfiguredError {
  return error instanceof PortNotConfiguredError || (error instanceof Error && error.name === 'PortNotConfiguredError');
}
