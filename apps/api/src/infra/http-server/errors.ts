import type { z } from 'zod';

export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * Domain errors services throw; the global exception filter maps them to HTTP.
 * `code` becomes the `error` field of the JSON body; `details` are merged into it.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
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

export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super(404, 'not_found', id === undefined ? `${what} not found` : `${what} "${id}" not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(409, code, message, details);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'authentication required') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'not allowed for your role') {
    super(403, 'forbidden', message);
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
