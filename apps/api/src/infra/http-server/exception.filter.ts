import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '@zhishou/flow-schema';
import { ZodError } from 'zod';
import { LOGGER, type Logger } from '../logging/logger';
import { ConnectionLostError, isConnectionError } from '../database/sql';
import { DomainError, RetriableError, TooManyRequestsError, zodIssues } from './errors';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/** The shared error body (`errorBodySchema` in @zhishou/flow-schema): always `error` and `params`. */
export type { ErrorBody };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function statusOfFastifyError(error: unknown): number | undefined {
  if (!isRecord(error)) return undefined;
  const status = error['statusCode'];
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

/** Maps any thrown error to `{ error, message, params, ...details }` with a fitting status. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof DomainError) return { status: error.status, body: { error: error.code, message: error.message, params: error.params, ...error.details } };
  // The database connection broke (server restart, pg_terminate_backend): nothing was committed, retry.
  if (error instanceof ConnectionLostError || isConnectionError(error)) return { status: 503, body: { error: 'database_unavailable', message: 'the database connection was lost; retry', params: {}, retriable: true } };
  if (error instanceof ZodError) return { status: 400, body: { error: 'validation_failed', params: {}, issues: zodIssues(error) } };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    // Handlers may throw `new HttpException({ error: 'x', ... }, status)` to choose the body themselves.
    if (isRecord(response) && typeof response['error'] === 'string' && !('statusCode' in response)) return { status, body: { params: {}, ...response, error: response['error'] } };
    const message = isRecord(response) && typeof response['message'] === 'string' ? response['message'] : error.message;
    return { status, body: { error: CODE_BY_STATUS[status] ?? 'error', message, params: {} } };
  }
  const fastifyStatus = statusOfFastifyError(error);
  if (fastifyStatus !== undefined && fastifyStatus < 500) {
    const message = error instanceof Error ? error.message : 'bad request';
    return { status: fastifyStatus, body: { error: CODE_BY_STATUS[fastifyStatus] ?? 'bad_request', message, params: {} } };
  }
  return { status: 500, body: { error: 'internal_error', message: 'internal server error', params: {} } };
}

@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body } = toErrorResponse(exception);
    if (status === 503) this.logger.warn({ err: exception }, 'retriable failure');
    else if (status >= 500) this.logger.error({ err: exception }, 'unhandled error');
    if (host.getType() !== 'http') throw exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (status === 503) void reply.header('retry-after', String(exception instanceof RetriableError ? exception.retryAfterSeconds : 1));
    if (exception instanceof TooManyRequestsError) void reply.header('retry-after', String(exception.retryAfterSeconds));
    void reply.status(status).send(body);
  }
}
