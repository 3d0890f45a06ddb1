import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Business event log, scheduled triggers, the fire log and the action outbox (rules module). */
export class EventsTriggers1764500000000 implements MigrationInterface {
  name = 'EventsTriggers1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "events" (
        "id" bigserial NOT NULL,
        "bot_key" text NOT NULL,
        "event_id" text NOT NULL,
        "type" text NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        "order_id" text,
        "buyer_id" text,
        "seller_id" text,
        "item_id" text,
        "conversation_id" text,
        "data" jsonb NOT NULL,
        CONSTRAINT "events_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "uq_events_event_id" ON "events" ("bot_key", "event_id")`);
    for (const [name, column] of [['order', 'order_id'], ['buyer', 'buyer_id'], ['seller', 'seller_id'], ['item', 'item_id'], ['conversation', 'conversation_id']]) {
      await db.query(`CREATE INDEX "ix_events_${name}" ON "events" ("bot_key", "${column}", "type", "occurred_at")`);
    }
    await db.query(`
      CREATE TABLE "trigger_jobs" (
        "job_id" uuid NOT NULL,
        "bot_key" text NOT NULL,
        "ruleset_key" text NOT NULL,
        "rule_id" text NOT NULL,
        "ruleset_version" integer,
        "dedupe_key" text NOT NULL,
        "event_id" text NOT NULL,
        "trigger_event" jsonb NOT NULL,
        "due_at" timestamptz NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "reason" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "trigger_jobs_pkey" PRIMARY KEY ("job_id")
      )`);
    await db.query(`CREATE INDEX "ix_trigger_jobs_rule" ON "trigger_jobs" ("bot_key", "rule_id", "updated_at")`);
    await db.query(`CREATE INDEX "ix_trigger_jobs_status_due" ON "trigger_jobs" ("status", "due_at")`);
    await db.query(`
      CREATE TABLE "trigger_fires" (
        "id" bigserial NOT NULL,
        "job_id" uuid NOT NULL,
        "bot_key" text NOT NULL,
        "ruleset_key" text NOT NULL,
        "rule_id" text NOT NULL,
        "scheduled_version" integer,
        "fired_version" integer,
        "outcome" text NOT NULL,
        "reason" text,
        "error" text,
        "event_id" text NOT NULL,
        "actions" jsonb,
        "due_at" timestamptz NOT NULL,
        "at" timestamptz NOT NULL DEFAULT now(),
        "lateness_ms" integer,
        CONSTRAINT "trigger_fires_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "ix_trigger_fires_bot_at" ON "trigger_fires" ("bot_key", "at")`);
    await db.query(`CREATE INDEX "ix_trigger_fires_rule_at" ON "trigger_fires" ("bot_key", "rule_id", "at")`);
    await db.query(`CREATE INDEX "ix_trigger_fires_job" ON "trigger_fires" ("job_id")`);
    await db.query(`
      CREATE TABLE "trigger_deliveries" (
        "id" uuid NOT NULL,
        "job_id" uuid NOT NULL,
        "bot_key" text NOT NULL,
        "rule_id" text NOT NULL,
        "kind" text NOT NULL,
        "action" jsonb NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "delivered_at" timestamptz,
        CONSTRAINT "trigger_deliveries_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "ix_trigger_deliveries_bot_status" ON "trigger_deliveries" ("bot_key", "status", "updated_at")`);
    await db.query(`CREATE INDEX "ix_trigger_deliveries_job" ON "trigger_deliveries" ("job_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "trigger_deliveries"`);
    await db.query(`DROP TABLE "trigger_fires"`);
    await db.query(`DROP TABLE "trigger_jobs"`);
    await db.query(`DROP TABLE "events"`);
  }
}
