/**
 * The designer's one way to talk to the api: JSON over fetch, the user's JWT attached, and every
 * failure turned into an `ApiError` that the UI can put into words (see `describeApiError`).
 */
export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The api's `error` code (`validation_failed`, `stale_revision`, …) or `network_error`. */
    readonly code: string,
    readonly issues: ApiIssue[] = [],
    /** The whole error body, for callers that need more (e.g. `current` on a 409). */
    readonly body: unknown = undefined,
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

export interface ApiClient {
  request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T>;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readIssues(value: unknown): ApiIssue[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((issue) => ({
    path: Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path ?? ''),
    message: String(issue.message ?? ''),
  }));
}

export function errorFromResponse(status: number, body: unknown): ApiError {
  if (isRecord(body)) {
    const code = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : `http_${status}`;
    return new ApiError(status, code, readIssues(body.issues), body);
  }
  return new ApiError(status, `http_${status}`, [], body);
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

  async function request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
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
    return payload as T;
  }

  return {
    request,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    delete: (path) => request('DELETE', path),
  };
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

const KNOWN_CODES = [
  'validation_failed', 'stale_revision', 'network_error', 'unauthorized', 'forbidden', 'not_found', 'conflict',
  'invalid_credentials',
] as const;

function codeForStatus(status: number): string | undefined {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  return undefined;
}

/** Puts an error into words for the user: the api's code translated, plus field issues when given. */
export function describeApiError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected', { message: error instanceof Error ? error.message : String(error) });
  const code = (KNOWN_CODES as readonly string[]).includes(error.code) ? error.code : codeForStatus(error.status);
  const headline = code ? t(`errors.${code}`) : t('errors.http', { status: error.status, code: error.code });
  if (error.issues.length === 0) return headline;
  const details = error.issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('；');
  return `${headline} ${details}`;
}
