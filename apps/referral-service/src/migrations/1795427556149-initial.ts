import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesDown, messagingTablesUp } from '@overgang/messaging';

export class Initial1795427556149 implements MigrationInterface {
  name = 'Initial1795427556149';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of messagingTablesUp('referral')) await q.query(sql);
    await q.query(
      'CREATE TABLE "consent" ("id" uuid NOT NULL, "person_national_id" text NOT NULL, "purposes" text array NOT NULL, "receiving_organisations" text array NOT NULL, "valid_from" date NOT NULL, "valid_to" date NOT NULL, "given_by" text NOT NULL, "evidence_reference" text NOT NULL, "registered_by_user" text NOT NULL, "registered_by_organisation" text NOT NULL, "status" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9115e8d6b082d4fc46d56134d29" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE TABLE "referral" ("id" uuid NOT NULL, "type" text NOT NULL, "status" text NOT NULL, "person_national_id" text NOT NULL, "person_name" text NOT NULL, "sender_organisation" text NOT NULL, "sender_unit" text, "sender_user" text NOT NULL, "municipality_number" text NOT NULL, "consent_id" uuid NOT NULL, "anchor_date" date, "details" jsonb NOT NULL, "routing_problem_code" text, "routing_problem" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "referral_sender" ON "referral" ("sender_organisation", "created_at") ');
    await q.query(
      'CREATE TABLE "referral_recipient" ("referral_id" uuid NOT NULL, "unit_id" text NOT NULL, "organisation_number" text NOT NULL, "unit_kind" text NOT NULL, "contact_person_id" text, "assignment" text NOT NULL, "reason_code" text NOT NULL, "reason" text NOT NULL, "routed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" text, CONSTRAINT "PK_08e3735790342a9fbf57fba2f58" PRIMARY KEY ("referral_id", "unit_id"))',
    );
    await q.query('CREATE INDEX "recipient_unit" ON "referral_recipient" ("unit_id") ');
    await q.query('CREATE INDEX "recipient_contact" ON "referral_recipient" ("contact_person_id") ');
    await q.query(
      'CREATE TABLE "referral_clock" ("clock_id" uuid NOT NULL, "referral_id" uuid NOT NULL, "unit_id" text NOT NULL, "kind" text NOT NULL, "status" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4d3764ffa9ef5e8a5f484c7e6e8" PRIMARY KEY ("clock_id"))',
    );
    await q.query('CREATE INDEX "clock_referral" ON "referral_clock" ("referral_id") ');
    await q.query(
      'CREATE TABLE "referral_history" ("id" BIGSERIAL NOT NULL, "referral_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" text NOT NULL, "actor_organisation" text, "action" text NOT NULL, "from_status" text, "to_status" text, "facts" jsonb NOT NULL, CONSTRAINT "PK_a09e5fca033f189bd757a535e9f" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "history_referral" ON "referral_history" ("referral_id", "id") ');
    await q.query(
      'CREATE TABLE "access_log" ("id" BIGSERIAL NOT NULL, "referral_id" uuid NOT NULL, "user_id" text NOT NULL, "organisation_number" text NOT NULL, "action" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "correlation_id" text, CONSTRAINT "PK_bd09621fb73b42d9e32b85ae41f" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "access_referral" ON "access_log" ("referral_id", "at") ');
    await q.query(
      'CREATE TABLE "recipient_map" ("referral_type" text NOT NULL, "municipality_number" text NOT NULL, "recipients" jsonb NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_035c2700ad7a2dc84ffc2ff3050" PRIMARY KEY ("referral_type", "municipality_number"))',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "recipient_map"');
    await q.query('DROP INDEX "referral"."access_referral"');
    await q.query('DROP TABLE "access_log"');
    await q.query('DROP INDEX "referral"."history_referral"');
    await q.query('DROP TABLE "referral_history"');
    await q.query('DROP INDEX "referral"."clock_referral"');
    await q.query('DROP TABLE "referral_clock"');
    await q.query('DROP INDEX "referral"."recipient_contact"');
    await q.query('DROP INDEX "referral"."recipient_unit"');
    await q.query('DROP TABLE "referral_recipient"');
    await q.query('DROP INDEX "referral"."referral_sender"');
    await q.query('DROP TABLE "referral"');
    await q.query('DROP TABLE "consent"');
    for (const sql of messagingTablesDown('referral')) await q.query(sql);
  }
}
