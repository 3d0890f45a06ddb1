import { Module } from '@nestjs/common';
import { BotsModule } from '../bots/bots.module';
import { USER_CREDENTIALS, USER_SESSIONS } from '../auth/ports';
import { AccessController } from './access.controller';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';
import { FirstAdminBootstrap } from './first-admin';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [BotsModule],
  controllers: [UsersController, AccessController],
  providers: [
    UsersRepository,
    UsersService,
    AccessRepository,
    AccessService,
    FirstAdminBootstrap,
    { provide: USER_CREDENTIALS, useExisting: UsersService },
    { provide: USER_SESSIONS, useExisting: AccessService },
  ],
  exports: [UsersService, USER_CREDENTIALS, USER_SESSIONS],
})
export class UsersModule {}
