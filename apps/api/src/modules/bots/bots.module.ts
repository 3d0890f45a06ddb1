import { Module } from '@nestjs/common';
import { ApiKeyService } from './api-key.service';
import { BotsController } from './bots.controller';
import { BotsRepository } from './bots.repository';
import { BotsService } from './bots.service';

/** Bots and their API keys. Import it to use `BotsService.get(key)` (404 on unknown bots). */
@Module({
  controllers: [BotsController],
  providers: [BotsRepository, BotsService, ApiKeyService],
  exports: [BotsService, ApiKeyService],
})
export class BotsModule {}
