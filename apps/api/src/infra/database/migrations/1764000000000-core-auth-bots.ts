import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoreAuthBots1764000000000 implements MigrationInterface {
  name = 'CoreAuthBots1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "name" text NOT NULL,
        "password_hash" text NOT NULL,
        "role" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "users_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")`);
    await db.query(`
      CREATE TABLE "bots" (
        "key" text NOT NULL,
        "name" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "settings" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "bots_pkey" PRIMARY KEY ("key")
      )`);
    await db.query(`
      CREATE TABLE "api_keys" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "bot_key" text NOT NULL,
        "name" text NOT NULL,
        "prefix" text NOT NULL,
        "hash" text NOT NULL,
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_used_at" timestamptz,
        "revoked_at" timestamptz,
        CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "api_keys_bot_key_fkey" FOREIGN KEY ("bot_key") REFERENCES "bots"("key") ON DELETE CASCADE
      )`);
    await db.query(`CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys" ("hash")`);
    await db.query(`CREATE INDEX "api_keys_bot_key_idx" ON "api_keys" ("bot_key")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "api_keys"`);
    await db.query(`DROP TABLE "bots"`);
    await db.query(`DROP TABLE "users"`);
  }
}
