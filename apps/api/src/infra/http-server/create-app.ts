import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type ErrorBody, MAX_PATH_PARAM_LENGTH } from '@zhishou/flow-schema';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Histogram } from 'prom-client';
import { AppModule } from '../../app.module';
import type { AppConfig } from '../config/config';
import { type Logger, NestPinoLogger } from '../logging/logger';
import { HTTP_DURATION } from '../metrics/metrics.module';
import { installInputGuard } from './input-guard';
import { installRequestHooks, requestIdFrom } from './request-hooks';
import { installSecurityHeaders } from './security-headers';
import { registerStaticRoutes } from './static-routes';

/** Nest routes that live outside `/v1` (/metrics and /docs are plain Fastify routes, see static-routes.ts). */
export const UNVERSIONED_ROUTES = ['health'];

/** Body limit of routes that take a chat message (text + optional base64 image). */
export const IMAGE_BODY_LIMIT = 5 * 1024 * 1024;
/** Body limit of every other route (the demo bot's NLU data is 64 KiB, its largest flow 23 KiB). */
export const BODY_LIMIT = 2 * 1024 * 1024;
const MESSAGE_ROUTE = /\/messages$/;

/** Builds the HTTP app (not listening yet): Fastify, `/v1` prefix, request hooks, every module initialised. */
export async function createHttpApp(config: AppConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: IMAGE_BODY_LIMIT, // the per-route limit below lowers it where no image can come
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
    trustProxy: true,
    // Path parameters up to the input guard's bound reach it (Fastify's default stops at 100 characters).
    routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
    // Router errors (a malformed URL, a longer parameter) come before any hook or the exception filter:
    // without this Fastify answers `{ error: 'Bad Request', code, statusCode }`, outside the contract.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const status = error.statusCode ?? 400;
      const body: ErrorBody =
        status >= 500
          ? { error: 'internal_error', message: 'internal server error', params: {} }
          : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? { error: 'uri_too_long', message: `a path parameter may be at most ${MAX_PATH_PARAM_LENGTH} characters`, params: { max: MAX_PATH_PARAM_LENGTH } }
            : { error: 'bad_request', message: error.message, params: {} };
      void reply.status(status).type('application/json; charset=utf-8').send(body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  app.setGlobalPrefix('v1', { exclude: UNVERSIONED_ROUTES });
  const fastify = app.getHttpAdapter().getInstance();
  // Every route Nest mounts, so /docs lists the ones no controller documented too.
  const served: { method: string; url: string }[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) served.push({ method, url: route.url });
    // Only message routes carry base64 images. Elsewhere 2 MiB: every large body is parsed into
    // transient buffers and strings, and the allocator keeps the high-water mark (fuzzing with
    // multi-MB bodies on every route left RSS ~30% up after idling with the JS heap flat).
    if (route.bodyLimit === undefined) route.bodyLimit = MESSAGE_ROUTE.test(route.url) ? IMAGE_BODY_LIMIT : BODY_LIMIT;
  });
  installSecurityHeaders(fastify, config.publicUrl, '/admin/queues');
  installRequestHooks(fastify, logger, app.get<Histogram<'method' | 'route' | 'status'>>(HTTP_DURATION));
  installInputGuard(fastify);
  await registerStaticRoutes(app, config, served);
  await app.init();
  return app;
}
