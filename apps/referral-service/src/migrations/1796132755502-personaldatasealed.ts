import { MigrationInterface, QueryRunner } from 'typeorm';

/** History facts that stay in clear (referral/domain/history-facts.ts when this was written). */
const CODES = `'code','unitId','reasonCode','clockId','kind','rungId','audience','dueAt','linkedReferralId'`;

/**
 * Personal data sealed at rest, and the retention policy's columns. SQL has no key, so existing rows
 * keep their values in clear here (the details as JSON text, the history's free text moved beside
 * its codes); the service seals them at its next start, before it answers (see PersonalDataModule).
 */
export class PersonalDataSealed1796132755502 implements MigrationInterface {
  name = 'PersonalDataSealed1796132755502';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "referral_person_type"`);
    await q.query(
      `CREATE TABLE "retention_run" ("day" date NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "referrals_erased" integer, "consents_erased" integer, "access_log_deleted" integer, CONSTRAINT "PK_ee33ec84daa714c908241d5fe4b" PRIMARY KEY ("day"))`,
    );
    await q.query(`ALTER TABLE "consent" ADD "person_key" text`);
    await q.query(`ALTER TABLE "consent" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "referral" ADD "person_key" text`);
    await q.query(`ALTER TABLE "referral" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "referral_history" ADD "personal_facts" text`);
    await q.query(`ALTER TABLE "consent" ALTER COLUMN "person_national_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "referral" ALTER COLUMN "person_national_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "referral" ALTER COLUMN "person_name" DROP NOT NULL`);
    await q.query(`ALTER TABLE "referral" ALTER COLUMN "details" DROP NOT NULL`);
    await q.query(`ALTER TABLE "referral" ALTER COLUMN "details" TYPE text USING "details"::text`);
    await q.query(
      `UPDATE "referral_history" SET
         "personal_facts" = (SELECT jsonb_object_agg(key, value) FROM jsonb_each("facts") WHERE key NOT IN (${CODES}))::text,
         "facts" = (SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each("facts") WHERE key IN (${CODES}))
       WHERE EXISTS (SELECT 1 FROM jsonb_object_keys("facts") k WHERE k NOT IN (${CODES}))`,
    );
    await q.query(`CREATE INDEX "consent_person_key" ON "consent" ("person_key") `);
    await q.query(`CREATE INDEX "referral_person_key_type" ON "referral" ("person_key", "type") `);
  }

  /** Only for a database whose values are still in clear: sealed values cannot be turned back in SQL. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "referral_person_key_type"`);
    await q.query(`DROP INDEX "consent_person_key"`);
    await q.query(
      `UPDATE "referral_history" SET "facts" = "facts" || "personal_facts"::jsonb WHERE "personal_facts" IS NOT NULL`,
    );
    await q.query(`ALTER TABLE "referral" ALTER COLUMN "details" TYPE jsonb USING "details"::jsonb`);
    await q.query(`ALTER TABLE "referral" ALTER COLUMN "details" SET NOT NULL`);
    await q.query(`ALTER TABLE "referral" ALTER COLUMN "person_name" SET NOT NULL`);
    await q.query(`ALTER TABLE "referral" ALTER COLUMN "person_national_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "consent" ALTER COLUMN "person_national_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "referral_history" DROP COLUMN "personal_facts"`);
    await q.query(`ALTER TABLE "referral" DROP COLUMN "erased_at"`);
    await q.query(`ALTER TABLE "referral" DROP COLUMN "person_key"`);
    await q.query(`ALTER TABLE "consent" DROP COLUMN "erased_at"`);
    await q.query(`ALTER TABLE "consent" DROP COLUMN "person_key"`);
    await q.query(`DROP TABLE "retention_run"`);
    await q.query(`CREATE INDEX "referral_person_type" ON "referral" ("person_national_id", "type") `);
  }
}
