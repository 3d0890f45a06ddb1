import { type DynamicModule, Global, Module, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginThrottle } from './login-throttle';
import { RateLimitGuard } from './rate-limit';
import { SecurityRedis } from './security-redis';
import { TokenService } from './tokens';

/**
 * Login (throttled), per-key rate limits and the global guard (see decorators.ts for @Public, @Roles, @BotClient, @CurrentUser). The
 * identity modules that provide its ports (ports.ts) are passed in by the composition root, so this
 * module imports no feature module.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(identityModules: Type[]): DynamicModule {
    return {
      module: AuthModule,
      imports: identityModules,
      controllers: [AuthController],
      providers: [TokenService, SecurityRedis, LoginThrottleRepository, LoginThrottle, RateLimitGuard, { provide: APP_GUARD, useClass: AuthGuard }],
      // The identity modules are re-exported so USER_SESSIONS reaches the queue dashboard (triggers) too.
      exports: [TokenService, SecurityRedis, RateLimitGuard, ...identityModules],
    };
  }
}
