import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The turn's shape: a lease on the conversation row instead of a row lock held through the turn, the
 * pending wait-node timer as columns (reconciled from here when the queue loses it), preview conversations
 * as a kind of conversation (the test chat runs the same turn path), and the outbox of side effects.
 */
export class TurnLeaseOutbox1765000000020 implements MigrationInterface {
  name = 'TurnLeaseOutbox1765000000020';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "conversations" ADD "kind" text NOT NULL DEFAULT 'live'`);
    await db.query(`ALTER TABLE "conversations" ADD "lease_owner" uuid`);
    await db.query(`ALTER TABLE "conversations" ADD "lease_until" timestamptz`);
    // The last message turn committed: a claim that waited on the lease compares it (its join on the
    // turns table reads a snapshot from before that commit).
    await db.query(`ALTER TABLE "conversations" ADD "last_message_id" text`);
    await db.query(`ALTER TABLE "conversations" ADD "timer_id" text`);
    await db.query(`ALTER TABLE "conversations" ADD "timer_due_at" timestamptz`);
    await db.query(`CREATE INDEX "ix_conversations_timer_due" ON "conversations" ("timer_due_at") WHERE timer_due_at IS NOT NULL`);
    // Timers pending before this migration (the state knew them already).
    await db.query(`UPDATE "conversations" SET "timer_id" = state->'timer'->>'id', "timer_due_at" = to_timestamp((state->'timer'->>'fireAt')::double precision / 1000)
                    WHERE state->'timer'->>'id' IS NOT NULL AND status <> 'ended'`);
    await db.query(`
      CREATE TABLE "outbox" (
        "id" BIGSERIAL NOT NULL,
        "topic" text NOT NULL,
        "conversation_id" uuid,
        "payload" jsonb NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "available_at" timestamptz NOT NULL DEFAULT now(),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "ix_outbox_available" ON "outbox" ("available_at")`);
    // The test chat's own table goes: preview sessions are conversations of kind 'preview'.
    await db.query(`DROP TABLE "preview_sessions"`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "preview_sessions" (
        "bot_key" text NOT NULL,
        "session" text NOT NULL,
        "flow_key" text NOT NULL,
        "version" integer,
        "state" jsonb,
        "last_message_id" text,
        "last_response" jsonb,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "turns" jsonb NOT NULL DEFAULT '[]',
        CONSTRAINT "preview_sessions_pkey" PRIMARY KEY ("bot_key", "session")
      )`);
    await db.query(`DROP TABLE "outbox"`);
    await db.query(`DELETE FROM "conversations" WHERE "kind" = 'preview'`);
    await db.query(`DROP INDEX "ix_conversations_timer_due"`);
    for (const column of ['timer_due_at', 'timer_id', 'last_message_id', 'lease_until', 'lease_owner', 'kind']) await db.query(`ALTER TABLE "conversations" DROP COLUMN "${column}"`);
  }
}
