import { type DynamicModule, Global, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { TokenService } from './tokens';

/**
 * Login + the global guard (see decorators.ts for @Public, @Roles, @BotClient, @CurrentUser). The
 * identity modules that provide its ports (ports.ts) are passed in by the composition root, so this
 * module imports no feature module.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(identityModules: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    return {
      module: AuthModule,
      imports: identityModules,
      controllers: [AuthController],
      providers: [TokenService, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [TokenService],
    };
  }
}
