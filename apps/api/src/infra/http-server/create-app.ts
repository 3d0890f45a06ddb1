import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Histogram } from 'prom-client';
import { AppModule } from '../../app.module';
import type { AppConfig } from '../config/config';
import { type Logger, NestPinoLogger } from '../logging/logger';
import { HTTP_DURATION } from '../metrics/metrics.module';
import { installRequestHooks, requestIdFrom } from './request-hooks';
import { installSecurityHeaders } from './security-headers';
import { registerStaticRoutes } from './static-routes';

/** Nest routes that live outside `/v1` (/metrics and /docs are plain Fastify routes, see static-routes.ts). */
export const UNVERSIONED_ROUTES = ['health'];

/** Builds the HTTP app (not listening yet): Fastify, `/v1` prefix, request hooks, every module initialised. */
export async function createHttpApp(config: AppConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: 5 * 1024 * 1024, // chat messages may carry a base64 image
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
    trustProxy: true,
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
  });
  installSecurityHeaders(fastify, config.publicUrl, '/admin/queues');
  installRequestHooks(fastify, logger, app.get<Histogram<'method' | 'route' | 'status'>>(HTTP_DURATION));
  await registerStaticRoutes(app, config, served);
  await app.init();
  return app;
}
