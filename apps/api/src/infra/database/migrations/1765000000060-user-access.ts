import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access and sessions: a token version per user (a password or role change revokes older JWTs), a
 * role per user and bot (non-admins reach only the bots granted to them), and login failure counters
 * shared by every api instance when there is no Redis.
 */
export class UserAccess1765000000060 implements MigrationInterface {
  name = 'UserAccess1765000000060';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 0`);
    await db.query(`
      CREATE TABLE "user_bot_roles" (
        "user_id" uuid NOT NULL,
        "bot_key" text NOT NULL,
        "role" text NOT NULL,
        "granted_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "user_bot_roles_pkey" PRIMARY KEY ("user_id", "bot_key"),
        CONSTRAINT "user_bot_roles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX "user_bot_roles_bot_key_idx" ON "user_bot_roles" ("bot_key")`);
    // Users had a global role on every bot until now: keep exactly that reach for existing users.
    await db.query(`INSERT INTO "user_bot_roles" ("user_id", "bot_key", "role") SELECT u."id", b."key", u."role" FROM "users" u CROSS JOIN "bots" b WHERE u."role" <> 'admin'`);
    await db.query(`
      CREATE TABLE "login_throttle" (
        "key" text NOT NULL,
        "failures" integer NOT NULL DEFAULT 0,
        "last_failure_at" timestamptz NOT NULL DEFAULT now(),
        "locked_until" timestamptz,
        CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "login_throttle"`);
    await db.query(`DROP TABLE "user_bot_roles"`);
    await db.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
  }
}
