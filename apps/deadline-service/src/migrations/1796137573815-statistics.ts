import { MigrationInterface, QueryRunner } from 'typeorm';

export class Statistics1796137573815 implements MigrationInterface {
  name = 'Statistics1796137573815';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "referral_fact" ("referral_id" uuid NOT NULL, "referral_type" text NOT NULL, "municipality_number" text NOT NULL, "anchor_date" date, "anchor_set_at" TIMESTAMP WITH TIME ZONE NOT NULL, "noticed_on" date NOT NULL, "housing_outcome" text, "outcome_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_939cadb6e9de16f2e316d1bf3c5" PRIMARY KEY ("referral_id"))',
    );
    await q.query(
      'CREATE INDEX "referral_fact_month" ON "referral_fact" ("referral_type", "municipality_number", "anchor_date") ',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "deadline"."referral_fact_month"');
    await q.query('DROP TABLE "referral_fact"');
  }
}
