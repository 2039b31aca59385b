import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClockPauses1795429003382 implements MigrationInterface {
  name = 'ClockPauses1795429003382';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "clock" ADD "paused_at" TIMESTAMP WITH TIME ZONE');
    await q.query('ALTER TABLE "clock" ADD "paused_reason" text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "clock" DROP COLUMN "paused_reason"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "paused_at"');
  }
}
