import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The business event log: every accepted event once (unique per bot and eventId). Subject keys are
 * columns so "events about this order (of type T) since t" is an index range scan.
 */
@Entity({ name: 'events' })
@Index('uq_events_event_id', ['botKey', 'eventId'], { unique: true })
@Index('ix_events_order', ['botKey', 'orderId', 'type', 'occurredAt'])
@Index('ix_events_buyer', ['botKey', 'buyerId', 'type', 'occurredAt'])
@Index('ix_events_seller', ['botKey', 'sellerId', 'type', 'occurredAt'])
@Index('ix_events_item', ['botKey', 'itemId', 'type', 'occurredAt'])
@Index('ix_events_conversation', ['botKey', 'conversationId', 'type', 'occurredAt'])
export class EventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ name: 'bot_key', type: 'text' }) botKey!: string;
  @Column({ name: 'event_id', type: 'text' }) eventId!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
  @Column({ name: 'order_id', type: 'text', nullable: true }) orderId!: string | null;
  @Column({ name: 'buyer_id', type: 'text', nullable: true }) buyerId!: string | null;
  @Column({ name: 'seller_id', type: 'text', nullable: true }) sellerId!: string | null;
  @Column({ name: 'item_id', type: 'text', nullable: true }) itemId!: string | null;
  @Column({ name: 'conversation_id', type: 'text', nullable: true }) conversationId!: string | null;
  @Column({ type: 'jsonb' }) data!: unknown;
}

/** The tables this module owns (registered with the DataSource by modules/entities.ts). */
export const ENTITIES = [EventEntity];
