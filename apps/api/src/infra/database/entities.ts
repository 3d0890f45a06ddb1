import { ApiKeyEntity } from '../../modules/bots/api-key.entity';
import { BotEntity } from '../../modules/bots/bot.entity';
import { UserEntity } from '../../modules/users/user.entity';
import { ConversationEntity, ConversationTurnEntity, MessageEntity } from '../../modules/conversations/conversation.entities';
import { HandoffEntity } from '../../modules/handoffs/handoff.entity';
import { PreviewSessionEntity } from '../../modules/preview/preview-session.entity';
import { DocumentEntity, DocumentVersionEntity, ReleaseAuditEntity } from '../../modules/versioning/versioning.entities';
import { EventEntity } from '../../modules/events/event.entity';
import { TriggerDeliveryEntity, TriggerFireEntity, TriggerJobEntity } from '../../modules/triggers/trigger.entities';
import { NluModelActivationEntity, NluModelVersionEntity } from '../../modules/models/model.entities';
import { FlowTestCaseEntity } from '../../modules/test-cases/test-case.entity';

/** Every TypeORM entity, listed explicitly (no globbing: tsx and Vitest resolve files differently). Append yours. */
export const ENTITIES = [UserEntity, BotEntity, ApiKeyEntity,
  DocumentEntity, DocumentVersionEntity, ReleaseAuditEntity,
  ConversationEntity, ConversationTurnEntity, MessageEntity, HandoffEntity, PreviewSessionEntity,
  EventEntity, TriggerJobEntity, TriggerFireEntity, TriggerDeliveryEntity,
  NluModelVersionEntity, NluModelActivationEntity,
  FlowTestCaseEntity];
