import { Module } from '@nestjs/common';
import { FirstAdminBootstrap } from './first-admin';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, FirstAdminBootstrap],
  exports: [UsersService],
})
export class UsersModule {}
