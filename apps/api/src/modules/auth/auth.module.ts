import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BotsModule } from '../bots/bots.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { TokenService } from './tokens';

/** Login + the global guard (see decorators.ts for @Public, @Roles, @BotClient, @CurrentUser). */
@Global()
@Module({
  imports: [UsersModule, BotsModule],
  controllers: [AuthController],
  providers: [TokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService],
})
export class AuthModule {}
