import { MigrationInterface, QueryRunner } from 'typeorm';

export class FactsBeforeSubmitted1796144145567 implements MigrationInterface {
  name = 'FactsBeforeSubmitted1796144145567';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "deadline"."referral_fact_month"');
    await q.query('ALTER TABLE "referral_fact" ALTER COLUMN "referral_type" DROP NOT NULL');
    await q.query('ALTER TABLE "referral_fact" ALTER COLUMN "municipality_number" DROP NOT NULL');
    await q.query('ALTER TABLE "referral_fact" ALTER COLUMN "anchor_set_at" DROP NOT NULL');
    await q.query('ALTER TABLE "referral_fact" ALTER COLUMN "noticed_on" DROP NOT NULL');
    await q.query(
      'CREATE INDEX "referral_fact_month" ON "referral_fact" ("referral_type", "municipality_number", "anchor_date") ',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "deadline"."referral_fact_month"');
    await q.query('ALTER TABLE "referral_fact" ALTER COLUMN "noticed_on" SET NOT NULL');
    await q.query('ALTER TABLE "referral_fact" ALTER COLUMN "anchor_set_at" SET NOT NULL');
    await q.query('ALTER TABLE "referral_fact" ALTER COLUMN "municipality_number" SET NOT NULL');
    await q.query('ALTER TABLE "referral_fact" ALTER COLUMN "referral_type" SET NOT NULL');
    await q.query(
      'CREATE INDEX "referral_fact_month" ON "referral_fact" ("referral_type", "municipality_number", "anchor_date") ',
    );
  }
}
