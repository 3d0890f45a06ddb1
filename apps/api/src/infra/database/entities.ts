import { ApiKeyEntity } from '../../modules/bots/api-key.entity';
import { BotEntity } from '../../modules/bots/bot.entity';
import { UserEntity } from '../../modules/users/user.entity';

/** Every TypeORM entity, listed explicitly (no globbing: tsx and Vitest resolve files differently). Append yours. */
export const ENTITIES = [UserEntity, BotEntity, ApiKeyEntity];
