import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesDown, messagingTablesUp } from '@overgang/messaging';

export class Initial1795427556434 implements MigrationInterface {
  name = 'Initial1795427556434';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of messagingTablesUp('routing')) await q.query(sql);
    await q.query(
      'CREATE TABLE "organisation" ("organisation_number" text NOT NULL, "name" text NOT NULL, "type" text NOT NULL, "municipality_number" text, CONSTRAINT "PK_d15f5fe0ec09850685adb3ee47b" PRIMARY KEY ("organisation_number"))',
    );
    await q.query(
      'CREATE TABLE "unit" ("id" text NOT NULL, "organisation_number" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "receives" text array NOT NULL DEFAULT \'{}\', "mode" text NOT NULL DEFAULT \'primary-backup\', CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "unit_organisation" ON "unit" ("organisation_number") ');
    await q.query(
      'CREATE TABLE "contact_person" ("id" text NOT NULL, "unit_id" text NOT NULL, "name" text NOT NULL, "email" text NOT NULL, "phone" text NOT NULL, "role" text NOT NULL, "referral_types" text array NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_12d9c34f76290c4e2ad2aa5e33f" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "contact_unit" ON "contact_person" ("unit_id") ');
    await q.query(
      'CREATE TABLE "absence" ("id" uuid NOT NULL, "contact_person_id" text NOT NULL, "from_date" date NOT NULL, "to_date" date NOT NULL, "reason" text NOT NULL, "registered_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_30089b15c0f880f026581218c16" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "absence_contact" ON "absence" ("contact_person_id", "to_date") ');
    await q.query(
      'CREATE TABLE "nav_coverage" ("municipality_number" text NOT NULL, "nav_organisation_number" text NOT NULL, CONSTRAINT "PK_3337f5da40f915e9044dc17aad6" PRIMARY KEY ("municipality_number"))',
    );
    await q.query(
      'CREATE TABLE "directory_state" ("id" integer NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_e0787fe045577fc791efdf57a6c" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE TABLE "assignment" ("referral_id" uuid NOT NULL, "unit_id" text NOT NULL, "referral_type" text NOT NULL, "organisation_number" text NOT NULL, "contact_person_id" text, "assignment" text NOT NULL, "reason_code" text NOT NULL, "reason" text NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b6adc01015d581e983dd95a3524" PRIMARY KEY ("referral_id", "unit_id"))',
    );
    await q.query('CREATE INDEX "assignment_contact" ON "assignment" ("contact_person_id") ');
    await q.query(
      'CREATE TABLE "unroutable_referral" ("referral_id" uuid NOT NULL, "referral_type" text NOT NULL, "municipality_number" text NOT NULL, "reason_code" text NOT NULL, "reason" text NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_11f51b244e52ab80ebcfd74dbde" PRIMARY KEY ("referral_id"))',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "unroutable_referral"');
    await q.query('DROP INDEX "routing"."assignment_contact"');
    await q.query('DROP TABLE "assignment"');
    await q.query('DROP TABLE "directory_state"');
    await q.query('DROP TABLE "nav_coverage"');
    await q.query('DROP INDEX "routing"."absence_contact"');
    await q.query('DROP TABLE "absence"');
    await q.query('DROP INDEX "routing"."contact_unit"');
    await q.query('DROP TABLE "contact_person"');
    await q.query('DROP INDEX "routing"."unit_organisation"');
    await q.query('DROP TABLE "unit"');
    await q.query('DROP TABLE "organisation"');
    for (const sql of messagingTablesDown('routing')) await q.query(sql);
  }
}
