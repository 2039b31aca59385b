import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log gets the fields of NHN's usage log (roles, purpose, object, outcome, source), the
 * ids a person's reads are found by, the organisations whose security officers see each entry, and
 * indexes by time, user and organisation. Existing entries (reads of details, history and
 * attachments, all granted) are filled in from what they already say.
 */
export class AccessLogComplete1796132997837 implements MigrationInterface {
  name = 'AccessLogComplete1796132997837';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "referral"."access_referral"');
    await q.query(`ALTER TABLE "access_log" ADD "roles" text array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "access_log" ADD "purpose" text NOT NULL DEFAULT 'case-handling'`);
    await q.query(`ALTER TABLE "access_log" ADD "object_type" text NOT NULL DEFAULT 'referral'`);
    await q.query(`ALTER TABLE "access_log" ADD "object_id" text`);
    await q.query('ALTER TABLE "access_log" ADD "consent_id" uuid');
    await q.query(`ALTER TABLE "access_log" ADD "subject_ids" uuid array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "access_log" ADD "party_organisations" text array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "access_log" ADD "outcome" text NOT NULL DEFAULT 'granted'`);
    await q.query(`ALTER TABLE "access_log" ADD "source" text NOT NULL DEFAULT 'referral-service'`);
    // An attachment read was logged as read-attachment:<attachment id>.
    await q.query(
      `UPDATE "access_log" SET
         "object_type" = CASE WHEN "action" LIKE 'read-attachment:%' THEN 'attachment' ELSE 'referral' END,
         "object_id" = CASE WHEN "action" LIKE 'read-attachment:%' THEN substr("action", 17) ELSE "referral_id"::text END,
         "action" = CASE WHEN "action" LIKE 'read-attachment:%' THEN 'read-attachment' ELSE "action" END,
         "subject_ids" = ARRAY["referral_id"],
         "party_organisations" = coalesce((
           SELECT array_agg(DISTINCT o ORDER BY o) FROM (
             SELECT r."sender_organisation" AS o FROM "referral" r WHERE r."id" = "access_log"."referral_id"
             UNION SELECT rr."organisation_number" FROM "referral_recipient" rr
               WHERE rr."referral_id" = "access_log"."referral_id") parties), '{}')`,
    );
    await q.query('ALTER TABLE "access_log" ALTER COLUMN "object_id" SET NOT NULL');
    for (const column of ['purpose', 'object_type', 'outcome', 'source']) {
      await q.query(`ALTER TABLE "access_log" ALTER COLUMN "${column}" DROP DEFAULT`);
    }
    await q.query('ALTER TABLE "access_log" ALTER COLUMN "at" SET DEFAULT clock_timestamp()');
    await q.query('ALTER TABLE "access_log" ALTER COLUMN "referral_id" DROP NOT NULL');
    await q.query('CREATE INDEX "access_organisation" ON "access_log" ("organisation_number", "at") ');
    await q.query('CREATE INDEX "access_user" ON "access_log" ("user_id", "at") ');
    await q.query('CREATE INDEX "access_at" ON "access_log" ("at") ');
    await q.query('CREATE INDEX "access_subjects" ON "access_log" USING gin ("subject_ids")');
    await q.query('CREATE INDEX "access_parties" ON "access_log" USING gin ("party_organisations")');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "referral"."access_parties"');
    await q.query('DROP INDEX "referral"."access_subjects"');
    await q.query('DROP INDEX "referral"."access_at"');
    await q.query('DROP INDEX "referral"."access_user"');
    await q.query('DROP INDEX "referral"."access_organisation"');
    // Entries without a referral (a directory export, a search of the log) cannot go back.
    await q.query('DELETE FROM "access_log" WHERE "referral_id" IS NULL');
    await q.query('ALTER TABLE "access_log" ALTER COLUMN "referral_id" SET NOT NULL');
    await q.query('ALTER TABLE "access_log" ALTER COLUMN "at" DROP DEFAULT');
    await q.query(
      `UPDATE "access_log" SET "action" = 'read-attachment:' || "object_id" WHERE "object_type" = 'attachment'`,
    );
    for (const column of [
      'source',
      'outcome',
      'party_organisations',
      'subject_ids',
      'consent_id',
      'object_id',
      'object_type',
      'purpose',
      'roles',
    ]) {
      await q.query(`ALTER TABLE "access_log" DROP COLUMN "${column}"`);
    }
    await q.query('CREATE INDEX "access_referral" ON "access_log" ("referral_id", "at") ');
  }
}
