import { MigrationInterface, QueryRunner } from 'typeorm';

export class FailoverAndAdmin1795431152317 implements MigrationInterface {
  name = 'FailoverAndAdmin1795431152317';

  async up(q: QueryRunner): Promise<void> {
    // Unroutable referrals now wait in routing_case, with what is needed to route them again.
    await q.query('DROP TABLE "unroutable_referral"');
    await q.query(
      'CREATE TABLE "routing_case" ("referral_id" uuid NOT NULL, "referral_type" text NOT NULL, "municipality_number" text NOT NULL, "sender_organisation_number" text NOT NULL, "submitted" jsonb NOT NULL, "status" text NOT NULL, "reason_code" text, "reason" text, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_301e0d8c9f9ffae9c205ad26cef" PRIMARY KEY ("referral_id"))',
    );
    await q.query('CREATE INDEX "case_status" ON "routing_case" ("status") ');
    await q.query(
      'CREATE TABLE "reassignment" ("id" uuid NOT NULL, "referral_id" uuid NOT NULL, "unit_id" text NOT NULL, "from_contact_person_id" text, "to_contact_person_id" text, "mode" text NOT NULL, "reason_code" text NOT NULL, "reason" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_868912949d1328dc5e7b462e1e8" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "reassignment_referral" ON "reassignment" ("referral_id", "at") ');
    await q.query('ALTER TABLE "assignment" ADD "co_holder_contact_person_id" text');
    await q.query('ALTER TABLE "assignment" ADD "explanation" jsonb NOT NULL DEFAULT \'{}\'');
    await q.query('ALTER TABLE "assignment" ADD "closed_at" TIMESTAMP WITH TIME ZONE');
    await q.query('CREATE INDEX "assignment_open_unit" ON "assignment" ("unit_id") WHERE closed_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "routing"."assignment_open_unit"');
    await q.query('ALTER TABLE "assignment" DROP COLUMN "closed_at"');
    await q.query('ALTER TABLE "assignment" DROP COLUMN "explanation"');
    await q.query('ALTER TABLE "assignment" DROP COLUMN "co_holder_contact_person_id"');
    await q.query('DROP INDEX "routing"."reassignment_referral"');
    await q.query('DROP TABLE "reassignment"');
    await q.query('DROP INDEX "routing"."case_status"');
    await q.query('DROP TABLE "routing_case"');
    await q.query(
      'CREATE TABLE "unroutable_referral" ("referral_id" uuid NOT NULL, "referral_type" text NOT NULL, "municipality_number" text NOT NULL, "reason_code" text NOT NULL, "reason" text NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_11f51b244e52ab80ebcfd74dbde" PRIMARY KEY ("referral_id"))',
    );
  }
}
