import type {
  EnginePorts,
  Flow,
  FlowResolver,
  HttpPort,
  HttpRequest,
  HttpResponse,
  ImagePort,
  KnowledgeAnswer,
  KnowledgePort,
} from '@zhishou/flow-schema';
import { PortNotConfiguredError } from '@zhishou/flow-schema';
import { createConditionEvaluator } from '@zhishou/rules';

/** A route answer: a response, an error to throw (network failure), or a function of the request. */
export type FakeRoute = HttpResponse | Error | ((request: HttpRequest) => HttpResponse | Error);

export interface FakeHttp extends HttpPort {
  /** Every request made, in order. */
  readonly requests: HttpRequest[];
}

/**
 * In-memory HttpPort answering from a table keyed by "METHOD url" (exact). Unknown routes answer 404,
 * as a real server would. An array of answers is consumed in order (the last repeats): retries.
 */
export function fakeHttp(routes: Record<string, FakeRoute | FakeRoute[]> = {}): FakeHttp {
  const requests: HttpRequest[] = [];
  const calls = new Map<string, number>();
  return {
    requests,
    async request(request) {
      requests.push(request);
      const key = `${request.method} ${request.url}`;
      const route = routes[key];
      if (route === undefined) return { status: 404, body: { error: 'not_found' } };
      const count = calls.get(key) ?? 0;
      calls.set(key, count + 1);
      const answer = Array.isArray(route) ? route[Math.min(count, route.length - 1)] : route;
      const resolved = typeof answer === 'function' ? answer(request) : answer;
      if (resolved === undefined) return { status: 404, body: { error: 'not_found' } };
      if (resolved instanceof Error) throw resolved;
      return resolved;
    },
  };
}

export interface FaqEntry {
  question: string;
  answer: string;
}

/**
 * KnowledgePort over a list: the score is the share of the entry's question characters found in the
 * asked question (a crude but deterministic similarity), best entry above the threshold wins.
 */
export function fakeKnowledge(entries: FaqEntry[]): KnowledgePort & { readonly questions: string[] } {
  const questions: string[] = [];
  return {
    questions,
    async answer(question, { threshold }) {
      questions.push(question);
      let best: KnowledgeAnswer | null = null;
      for (const entry of entries) {
        const chars = [...new Set(entry.question)];
        const score = chars.filter((char) => question.includes(char)).length / Math.max(1, chars.length);
        if (score >= threshold && (!best || score > best.score)) best = { answer: entry.answer, score };
      }
      return best;
    },
  };
}

/** ImagePort answering from a map of image reference → attributes; unknown images throw. */
export function fakeImage(attributes: Record<string, Record<string, string | number>>): ImagePort {
  return {
    async attributes(image) {
      const found = attributes[image];
      if (!found) throw new Error(`no such image "${image}"`);
      return found;
    },
  };
}

export function notConfiguredKnowledge(): KnowledgePort {
  return { answer: async () => { throw new PortNotConfiguredError('knowledge'); } };
}

export function notConfiguredImage(): ImagePort {
  return { attributes: async () => { throw new PortNotConfiguredError('image'); } };
}

/** FlowResolver over a list of flows (by their keys), a Map or a record of key → flow. */
export function flowResolver(flows: Flow[] | ReadonlyMap<string, Flow> | Record<string, Flow>): FlowResolver {
  const byKey: ReadonlyMap<string, Flow> = Array.isArray(flows)
    ? new Map(flows.map((flow) => [flow.key, flow]))
    : flows instanceof Map
      ? flows
      : new Map(Object.entries(flows));
  return { get: (key) => byKey.get(key) };
}

/**
 * Engine ports for tests: the REAL condition evaluator from @zhishou/rules, an empty fake HTTP
 * table, knowledge and image ports that say "not configured" (as the api's adapters do today), and
 * no subflows — each overridable.
 */
export function testPorts(overrides: Partial<EnginePorts> = {}): EnginePorts {
  return {
    conditions: createConditionEvaluator(),
    http: fakeHttp(),
    knowledge: notConfiguredKnowledge(),
    image: notConfiguredImage(),
    flows: flowResolver([]),
    ...overrides,
  };
}
