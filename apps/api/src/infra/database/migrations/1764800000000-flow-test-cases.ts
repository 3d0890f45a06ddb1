import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Test cases of flows (release gate): scripted conversations replayed before a flow is published; preview turns to record them from. */
export class FlowTestCases1764800000000 implements MigrationInterface {
  name = 'FlowTestCases1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "flow_test_cases" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "bot_key" text NOT NULL,
        "flow_key" text NOT NULL,
        "name" text NOT NULL,
        "document" jsonb NOT NULL,
        "updated_by" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "flow_test_cases_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "uq_flow_test_cases_name" ON "flow_test_cases" ("bot_key", "flow_key", "name")`);
    // The test chat keeps its turns, so a session can be recorded as a test case.
    await db.query(`ALTER TABLE "preview_sessions" ADD "turns" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "preview_sessions" DROP COLUMN "turns"`);
    await db.query(`DROP TABLE "flow_test_cases"`);
  }
}
