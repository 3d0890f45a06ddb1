import type { ErrorParams } from '@zhishou/flow-schema';
import type { z } from 'zod';

export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * Domain errors services throw; the global exception filter maps them to HTTP.
 * `code` becomes the `error` field of the JSON body (stable: the designer translates `errors.<code>`),
 * `params` the values its translation interpolates, `message` stays English for humans and logs;
 * `details` are merged into the body (`current` on stale_revision, the run report on tests_failed).
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  constructor(readonly issues: ValidationIssue[]) {
    super(400, 'validation_failed', 'validation failed', { issues });
  }
}

/** `what` in words ("API key", `flow "main" version`) → a stable resource code (`api_key`, `flow_version`). */
export function resourceCode(what: string): string {
  return what
    .replace(/"[^"]*"/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super(404, 'not_found', id === undefined ? `${what} not found` : `${what} "${id}" not found`, {}, { resource: resourceCode(what), ...(id === undefined ? {} : { id }) });
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}, params: ErrorParams = {}) {
    super(409, code, message, details, params);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'authentication required') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'not allowed for your role', params: ErrorParams = {}) {
    super(403, 'forbidden', message, {}, params);
  }
}

/** 429: too many requests (`rate_limited`, `login_locked`); the response carries `Retry-After`, and `params.seconds` for the text. */
export class TooManyRequestsError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
    code: 'too_many_requests' | 'rate_limited' | 'login_locked' = 'too_many_requests',
  ) {
    super(429, code, message, { retryAfterSeconds }, { seconds: retryAfterSeconds });
  }
}

/** A failure the client should retry (503 with `retriable: true` and Retry-After): a lost database connection, a busy conversation. */
export class RetriableError extends DomainError {
  constructor(code: string, message: string, readonly retryAfterSeconds = 1) {
    super(503, code, message, { retriable: true });
  }
}

export function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
