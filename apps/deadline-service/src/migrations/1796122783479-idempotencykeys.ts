import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1796122783479 implements MigrationInterface {
  name = 'IdempotencyKeys1796122783479';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "idempotency_key" ("caller" text NOT NULL, "method" text NOT NULL, "path" text NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "status_code" integer, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_84b06d4a09661a3093fa06bb964" PRIMARY KEY ("caller", "method", "path", "key"))',
    );
    await q.query('CREATE INDEX "idempotency_key_created_at" ON "idempotency_key" ("created_at") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "deadline"."idempotency_key_created_at"');
    await q.query('DROP TABLE "idempotency_key"');
  }
}
