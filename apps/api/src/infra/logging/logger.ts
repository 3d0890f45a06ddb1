import type { LoggerService } from '@nestjs/common';
import { type DestinationStream, pino, type Logger } from 'pino';
import { currentLogContext } from './log-context';
import { censorTokens, REDACT_PATHS, REDACTED } from './redact';

export type { Logger } from 'pino';

/** Injection token of the root pino logger. */
export const LOGGER = Symbol('LOGGER');

/** JSON logs; every line carries the request / conversation / job ids of the current async context. */
export function createLogger(level: string, name: string, destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => ({ ...currentLogContext() }),
    // Secret fields and credential headers of logged objects; token-shaped text in messages.
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...args: Parameters<Logger['info']>) => void) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? censorTokens(arg) : arg)) as Parameters<Logger['info']>,
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's start-up chatter (one line per module and route) drowns the first-start banner: debug level. */
const BOOTSTRAP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Routes Nest's own messages (bootstrap, route mapping, errors) into the same pino stream. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    if (context && BOOTSTRAP_CONTEXTS.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
