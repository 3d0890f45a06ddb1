import { API_ERROR_CODES, errorBodySchema, type ErrorParams } from '@zhishou/flow-schema';
import { z } from 'zod';

/**
 * The designer's one way to talk to the api: JSON over fetch, the user's JWT attached, every success
 * parsed with the route's shared response schema from `@zhishou/flow-schema` (a mismatch is an
 * `invalid_response` error, never a silently wrong value), and every failure turned into an
 * `ApiError` that the UI puts into words by its code (see `describeApiError`).
 */
export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The api's stable `error` code (`validation_failed`, `stale_revision`, …), `network_error` or `invalid_response`. */
    readonly code: string,
    readonly issues: ApiIssue[] = [],
    /** The whole error body, for callers that need more (e.g. `current` on a 409). */
    readonly body: unknown = undefined,
    /** Values the translated message interpolates. */
    readonly params: ErrorParams = {},
  ) {
    super(`${status} ${code}${issues.length ? `: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}` : ''}`);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  baseUrl?: string;
  getToken: () => string | null;
  /** Called on 401 so the app can drop the session and show the login page. */
  onUnauthorized?: () => void;
  fetchImpl?: typeof fetch;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The response of a 204 route: no body. */
export const noBody = z.undefined();

/** Every call names the schema of its response: there is no way to read an endpoint without one. */
export interface ApiClient {
  request<S extends z.ZodType>(method: HttpMethod, path: string, schema: S, body?: unknown): Promise<z.output<S>>;
  get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>>;
  post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>>;
  put<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>>;
  patch<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>>;
  delete<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>>;
}

export function errorFromResponse(status: number, body: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) return new ApiError(status, parsed.data.error, parsed.data.issues ?? [], body, parsed.data.params ?? {});
  return new ApiError(status, `http_${status}`, [], body, { status });
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const baseUrl = options.baseUrl ?? '';

  async function request<S extends z.ZodType>(method: HttpMethod, path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError(0, 'network_error', [], cause instanceof Error ? cause.message : String(cause));
    }
    const payload = await readBody(response);
    if (!response.ok) {
      if (response.status === 401) options.onUnauthorized?.();
      throw errorFromResponse(response.status, payload);
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
      // A contract mismatch is a bug between api and designer: loud in the console, worded for the user.
      console.error(`response of ${method} ${path} does not match its schema`, issues);
      throw new ApiError(response.status, 'invalid_response', issues, payload, { method, path });
    }
    return parsed.data;
  }

  return {
    request,
    get: (path, schema) => request('GET', path, schema),
    post: (path, body, schema) => request('POST', path, schema, body),
    put: (path, body, schema) => request('PUT', path, schema, body),
    patch: (path, body, schema) => request('PATCH', path, schema, body),
    delete: (path, schema) => request('DELETE', path, schema),
  };
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Codes the designer words itself besides the api's. */
const CLIENT_CODES = ['network_error', 'invalid_response'] as const;
const KNOWN_CODES = new Set<string>([...API_ERROR_CODES, ...CLIENT_CODES]);

function codeForStatus(status: number): string | undefined {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  return undefined;
}

/**
 * Puts an error into words for the user: `errors.<code>` translated with the error's params (never the
 * api's English `message`), plus the field issues of a validation failure.
 */
export function describeApiError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected', { message: error instanceof Error ? error.message : String(error) });
  const code = KNOWN_CODES.has(error.code) ? error.code : codeForStatus(error.status);
  const params: Record<string, unknown> = { ...error.params };
  // not_found names what was missing when the api says so (`resource` + `id`).
  const key = code === 'not_found' && typeof params['resource'] === 'string' && params['id'] !== undefined ? 'not_found_named' : code;
  if (typeof params['resource'] === 'string') params['resource'] = t(`errors.resources.${params['resource']}`, { defaultValue: t('errors.resources.item') });
  const headline = key ? t(`errors.${key}`, params) : t('errors.http', { status: error.status, code: error.code });
  if (error.issues.length === 0) return headline;
  const details = error.issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('；');
  return `${headline} ${details}`;
}
