import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsentLedgerAndLifecycle1795429002805 implements MigrationInterface {
  name = 'ConsentLedgerAndLifecycle1795429002805';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "consent_change" ("id" uuid NOT NULL, "consent_id" uuid NOT NULL, "kind" text NOT NULL, "scope" text NOT NULL, "organisations" text array NOT NULL, "purposes" text array NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "by_user" text NOT NULL, "by_organisation" text, CONSTRAINT "PK_95890da790546124b8544c33b6a" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "consent_change_consent" ON "consent_change" ("consent_id", "at") ');
    await q.query(
      'CREATE TABLE "processing_stop" ("referral_id" uuid NOT NULL, "organisation_number" text NOT NULL, "reason_code" text NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE, "confirmed_by" text, CONSTRAINT "PK_0170d97e2e44491d6758ec92c6f" PRIMARY KEY ("referral_id", "organisation_number"))',
    );
    await q.query(
      'CREATE TABLE "referral_link" ("referral_id" uuid NOT NULL, "linked_referral_id" uuid NOT NULL, "reason" text NOT NULL, "flagged_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bfd18fdb8293c24840dcd7152e3" PRIMARY KEY ("referral_id", "linked_referral_id"))',
    );
    await q.query(
      'CREATE TABLE "attachment" ("id" uuid NOT NULL, "referral_id" uuid NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "content" bytea NOT NULL, "uploaded_by" text NOT NULL, "uploaded_by_organisation" text NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d2a80c3a8d467f08a750ac4b420" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "attachment_referral" ON "attachment" ("referral_id") ');
    await q.query(
      'CREATE TABLE "known_institution" ("unit_id" text NOT NULL, "organisation_number" text NOT NULL, CONSTRAINT "PK_1f1566ebcf2e52d9a693b393db8" PRIMARY KEY ("unit_id"))',
    );
    await q.query('ALTER TABLE "consent" ADD "sharing_organisations" text array NOT NULL DEFAULT \'{}\'');
    await q.query('ALTER TABLE "consent" ADD "withdrawn_organisations" text array NOT NULL DEFAULT \'{}\'');
    await q.query('ALTER TABLE "consent" ADD "withdrawn_purposes" text array NOT NULL DEFAULT \'{}\'');
    // Only release notices existed before this migration; their recipients are known from routing.
    await q.query('ALTER TABLE "referral" ADD "purpose" text NOT NULL DEFAULT \'release-housing\'');
    await q.query('ALTER TABLE "referral" ALTER COLUMN "purpose" DROP DEFAULT');
    await q.query('ALTER TABLE "referral" ADD "recipient_organisations" text array NOT NULL DEFAULT \'{}\'');
    await q.query(
      'UPDATE "referral" r SET "recipient_organisations" = coalesce((SELECT array_agg(DISTINCT rr.organisation_number) FROM "referral_recipient" rr WHERE rr.referral_id = r.id), \'{}\')',
    );
    await q.query('ALTER TABLE "referral" ALTER COLUMN "recipient_organisations" DROP DEFAULT');
    await q.query('CREATE INDEX "referral_person_type" ON "referral" ("person_national_id", "type") ');
    await q.query('CREATE INDEX "referral_consent" ON "referral" ("consent_id") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "referral"."referral_consent"');
    await q.query('DROP INDEX "referral"."referral_person_type"');
    await q.query('ALTER TABLE "referral" DROP COLUMN "recipient_organisations"');
    await q.query('ALTER TABLE "referral" DROP COLUMN "purpose"');
    await q.query('ALTER TABLE "consent" DROP COLUMN "withdrawn_purposes"');
    await q.query('ALTER TABLE "consent" DROP COLUMN "withdrawn_organisations"');
    await q.query('ALTER TABLE "consent" DROP COLUMN "sharing_organisations"');
    await q.query('DROP TABLE "known_institution"');
    await q.query('DROP INDEX "referral"."attachment_referral"');
    await q.query('DROP TABLE "attachment"');
    await q.query('DROP TABLE "referral_link"');
    await q.query('DROP TABLE "processing_stop"');
    await q.query('DROP INDEX "referral"."consent_change_consent"');
    await q.query('DROP TABLE "consent_change"');
  }
}
