import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Versioned documents (flows, rule sets, NLU data), conversations, transcript, handoffs, preview sessions. */
export class VersioningChat1764100000000 implements MigrationInterface {
  name = 'VersioningChat1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "documents" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "bot_key" text NOT NULL,
        "kind" text NOT NULL,
        "key" text NOT NULL,
        "draft" jsonb NOT NULL,
        "revision" integer NOT NULL,
        "updated_by" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "live_version" integer,
        "canary_version" integer,
        "canary_percent" integer NOT NULL DEFAULT 0,
        CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "uq_documents_ref" ON "documents" ("bot_key", "kind", "key")`);
    await db.query(`
      CREATE TABLE "document_versions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "document_id" uuid NOT NULL,
        "number" integer NOT NULL,
        "content" jsonb NOT NULL,
        "content_hash" text NOT NULL,
        "author" text NOT NULL,
        "note" text NOT NULL DEFAULT '',
        "nlu_model_version" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "document_versions_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "uq_document_versions_number" ON "document_versions" ("document_id", "number")`);
    await db.query(`
      CREATE TABLE "release_audit" (
        "id" bigserial NOT NULL,
        "document_id" uuid NOT NULL,
        "from_version" integer,
        "to_version" integer,
        "canary_version" integer,
        "canary_percent" integer NOT NULL DEFAULT 0,
        "actor" text NOT NULL,
        "reason" text NOT NULL DEFAULT '',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "release_audit_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "ix_release_audit_document" ON "release_audit" ("document_id", "created_at")`);
    await db.query(`
      CREATE TABLE "conversations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "bot_key" text NOT NULL,
        "external_id" text NOT NULL,
        "flow_key" text,
        "flow_version" integer,
        "flow_versions" jsonb,
        "state" jsonb,
        "status" text NOT NULL DEFAULT 'active',
        "turn" integer NOT NULL DEFAULT 0,
        "last_seq" integer NOT NULL DEFAULT 0,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "ended_at" timestamptz,
        CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "uq_conversations_external" ON "conversations" ("bot_key", "external_id")`);
    await db.query(`
      CREATE TABLE "conversation_turns" (
        "id" bigserial NOT NULL,
        "conversation_id" uuid NOT NULL,
        "turn" integer NOT NULL,
        "message_id" text,
        "input_type" text NOT NULL,
        "nlu" jsonb,
        "response" jsonb NOT NULL,
        "trace" jsonb,
        "outcome" text NOT NULL,
        "flow_key" text NOT NULL,
        "flow_version" integer NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "conversation_turns_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "uq_conversation_turns_turn" ON "conversation_turns" ("conversation_id", "turn")`);
    await db.query(`CREATE UNIQUE INDEX "uq_conversation_turns_message" ON "conversation_turns" ("conversation_id", "message_id")`);
    await db.query(`
      CREATE TABLE "messages" (
        "id" bigserial NOT NULL,
        "conversation_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "turn" integer,
        "role" text NOT NULL,
        "text" text NOT NULL,
        "payload" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "uq_messages_seq" ON "messages" ("conversation_id", "seq")`);
    await db.query(`
      CREATE TABLE "handoffs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "conversation_id" uuid NOT NULL,
        "bot_key" text NOT NULL,
        "queue" text NOT NULL,
        "priority" text NOT NULL,
        "priority_rank" integer NOT NULL,
        "reason" text,
        "status" text NOT NULL DEFAULT 'open',
        "claimed_by" text,
        "claimed_at" timestamptz,
        "released_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "handoffs_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "ix_handoffs_queue" ON "handoffs" ("status", "priority_rank", "created_at")`);
    await db.query(`CREATE INDEX "ix_handoffs_conversation" ON "handoffs" ("conversation_id")`);
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
        CONSTRAINT "preview_sessions_pkey" PRIMARY KEY ("bot_key", "session")
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['preview_sessions', 'handoffs', 'messages', 'conversation_turns', 'conversations', 'release_audit', 'document_versions', 'documents']) {
      await db.query(`DROP TABLE "${table}"`);
    }
  }
}
