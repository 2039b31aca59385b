import { MigrationInterface, QueryRunner } from 'typeorm';

export class StepClocks1796142643629 implements MigrationInterface {
  name = 'StepClocks1796142643629';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "clock" DROP CONSTRAINT "clock_per_recipient"');
    await q.query('ALTER TABLE "clock" ADD "round" integer NOT NULL DEFAULT \'1\'');
    await q.query('ALTER TABLE "clock" ADD "opened_reason" text');
    await q.query(
      'ALTER TABLE "clock" ADD CONSTRAINT "clock_per_recipient_round" UNIQUE ("referral_id", "recipient_unit_id", "kind", "round")',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "clock" DROP CONSTRAINT "clock_per_recipient_round"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "opened_reason"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "round"');
    await q.query(
      'ALTER TABLE "clock" ADD CONSTRAINT "clock_per_recipient" UNIQUE ("referral_id", "kind", "recipient_unit_id")',
    );
  }
}
