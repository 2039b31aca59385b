import { MigrationInterface, QueryRunner } from 'typeorm';

export class FairDeadlines1796136011538 implements MigrationInterface {
  name = 'FairDeadlines1796136011538';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "clock" ADD "notice_from" TIMESTAMP WITH TIME ZONE');
    await q.query('ALTER TABLE "clock" ADD "notice_given_days" integer');
    await q.query('ALTER TABLE "clock" ADD "lead_time_days" integer');
    await q.query('ALTER TABLE "clock" ADD "short_notice" boolean NOT NULL DEFAULT false');
    await q.query('ALTER TABLE "clock" ADD "respond_from" TIMESTAMP WITH TIME ZONE');
    await q.query('ALTER TABLE "clock" ADD "met_late" boolean NOT NULL DEFAULT false');
    // Clocks met after their due time before this column existed were late answers too.
    await q.query(`UPDATE "clock" SET "met_late" = true WHERE "status" = 'met' AND "met_at" > "due_at"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "clock" DROP COLUMN "met_late"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "respond_from"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "short_notice"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "lead_time_days"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "notice_given_days"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "notice_from"');
  }
}
