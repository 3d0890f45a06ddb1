import { Module } from '@nestjs/common';
import { USER_CREDENTIALS } from '../auth/ports';
import { FirstAdminBootstrap } from './first-admin';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, FirstAdminBootstrap, { provide: USER_CREDENTIALS, useExisting: UsersService }],
  exports: [UsersService, USER_CREDENTIALS],
})
export class UsersModule {}
