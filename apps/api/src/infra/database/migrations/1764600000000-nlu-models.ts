import type { MigrationInterface, QueryRunner } from 'typeorm';

/** NLU model registry: trained versions (ONNX bytes, metrics, data hash) and the activation log (nlu-models). */
export class NluModels1764600000000 implements MigrationInterface {
  name = 'NluModels1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "nlu_model_versions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "bot_key" text NOT NULL,
        "number" integer NOT NULL,
        "status" text NOT NULL,
        "origin" text NOT NULL,
        "data_hash" text,
        "metrics" jsonb,
        "progress" jsonb NOT NULL DEFAULT '{}',
        "error" text,
        "note" text NOT NULL DEFAULT '',
        "intent_onnx" bytea,
        "slots_onnx" bytea,
        "emotion_onnx" bytea,
        "created_by" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "finished_at" timestamptz,
        CONSTRAINT "nlu_model_versions_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "uq_nlu_model_versions_bot_number" ON "nlu_model_versions" ("bot_key", "number")`);
    await db.query(`
      CREATE TABLE "nlu_model_activations" (
        "id" bigserial NOT NULL,
        "bot_key" text NOT NULL,
        "version_id" uuid NOT NULL,
        "number" integer NOT NULL,
        "actor" text NOT NULL,
        "activated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "nlu_model_activations_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "ix_nlu_model_activations_bot" ON "nlu_model_activations" ("bot_key", "id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "nlu_model_activations"`);
    await db.query(`DROP TABLE "nlu_model_versions"`);
  }
}
