import { Module } from '@nestjs/common';
import { FirstAdminBootstrap } from './first-admin';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, FirstAdminBootstrap],
  exports: [UsersService],
})
export class UsersModule {}
