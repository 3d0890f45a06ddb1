import { Module } from '@nestjs/common';
import { API_KEY_AUTHENTICATOR } from '../auth/ports';
import { ApiKeyService } from './api-key.service';
import { BotsController } from './bots.controller';
import { BotsRepository } from './bots.repository';
import { BotsService } from './bots.service';

/** Bots and their API keys. Import it to use `BotsService.get(key)` (404 on unknown bots). */
@Module({
  controllers: [BotsController],
  providers: [BotsRepository, BotsService, ApiKeyService, { provide: API_KEY_AUTHENTICATOR, useExisting: ApiKeyService }],
  exports: [BotsService, ApiKeyService, API_KEY_AUTHENTICATOR],
})
export class BotsModule {}
