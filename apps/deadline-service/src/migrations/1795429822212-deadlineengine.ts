import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadlineEngine1795429822212 implements MigrationInterface {
  name = 'DeadlineEngine1795429822212';

  async up(q: QueryRunner): Promise<void> {
    // Clocks from before the catalogue keep working: their unit kind and version are unknown.
    await q.query('DROP INDEX "deadline"."clock_due_open"');
    await q.query(
      'CREATE TABLE "clock_pause" ("id" uuid NOT NULL, "clock_id" uuid NOT NULL, "from_at" TIMESTAMP WITH TIME ZONE NOT NULL, "to_at" TIMESTAMP WITH TIME ZONE, "reason" text NOT NULL, CONSTRAINT "PK_8a9b4006f3083b965437fd301de" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "pause_clock" ON "clock_pause" ("clock_id", "from_at") ');
    await q.query(
      'CREATE TABLE "clock_change" ("id" uuid NOT NULL, "clock_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "from_due" TIMESTAMP WITH TIME ZONE, "to_due" TIMESTAMP WITH TIME ZONE, "anchor_from" date, "anchor_to" date, CONSTRAINT "PK_814180464c8d6bafa83cf083708" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "change_clock" ON "clock_change" ("clock_id", "at") ');
    await q.query(
      'CREATE TABLE "clock_rung" ("clock_id" uuid NOT NULL, "rung_id" text NOT NULL, "fire_at" TIMESTAMP WITH TIME ZONE, "fired_at" TIMESTAMP WITH TIME ZONE, "outcome" text, CONSTRAINT "PK_b76540b0c4855f225c7b6cda6d5" PRIMARY KEY ("clock_id", "rung_id"))',
    );
    await q.query(
      'CREATE INDEX "rung_due" ON "clock_rung" ("fire_at") WHERE fired_at IS NULL AND fire_at IS NOT NULL',
    );
    await q.query(
      'CREATE TABLE "referral_anchor" ("referral_id" uuid NOT NULL, "anchor_date" date NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_fd40293f6f51bdd8b55a83d1cae" PRIMARY KEY ("referral_id"))',
    );
    await q.query('ALTER TABLE "clock" ADD "unit_kind" text NOT NULL DEFAULT \'housing-service\'');
    await q.query('ALTER TABLE "clock" ALTER COLUMN "unit_kind" DROP DEFAULT');
    await q.query('ALTER TABLE "clock" ADD "sender_organisation_number" text');
    await q.query('ALTER TABLE "clock" ADD "catalogue_version" integer NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE "clock" ALTER COLUMN "catalogue_version" DROP DEFAULT');
    await q.query('ALTER TABLE "clock" ADD "anchor_date" date');
    await q.query('ALTER TABLE "clock" ADD "explanation" jsonb NOT NULL DEFAULT \'{}\'');
    await q.query('ALTER TABLE "clock" ALTER COLUMN "explanation" DROP DEFAULT');
    await q.query('CREATE INDEX "clock_referral" ON "clock" ("referral_id") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "deadline"."clock_referral"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "explanation"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "anchor_date"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "catalogue_version"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "sender_organisation_number"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "unit_kind"');
    await q.query('DROP TABLE "referral_anchor"');
    await q.query('DROP INDEX "deadline"."rung_due"');
    await q.query('DROP TABLE "clock_rung"');
    await q.query('DROP INDEX "deadline"."change_clock"');
    await q.query('DROP TABLE "clock_change"');
    await q.query('DROP INDEX "deadline"."pause_clock"');
    await q.query('DROP TABLE "clock_pause"');
    await q.query('CREATE INDEX "clock_due_open" ON "clock" ("due_at") WHERE (status = \'open\'::text)');
  }
}
