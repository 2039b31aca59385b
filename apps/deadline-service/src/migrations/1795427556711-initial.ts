import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesDown, messagingTablesUp } from '@overgang/messaging';

export class Initial1795427556711 implements MigrationInterface {
  name = 'Initial1795427556711';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of messagingTablesUp('deadline')) await q.query(sql);
    await q.query(
      'CREATE TABLE "clock" ("id" uuid NOT NULL, "referral_id" uuid NOT NULL, "referral_type" text NOT NULL, "kind" text NOT NULL, "recipient_organisation_number" text NOT NULL, "recipient_unit_id" text NOT NULL, "holder_contact_person_id" text, "policy" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL, "met_at" TIMESTAMP WITH TIME ZONE, "breached_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "clock_per_recipient" UNIQUE ("referral_id", "recipient_unit_id", "kind"), CONSTRAINT "PK_f5e432be52c8e5686e4d31269ec" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE INDEX "clock_organisation" ON "clock" ("recipient_organisation_number", "status") ',
    );
    await q.query('CREATE INDEX "clock_due_open" ON "clock" ("due_at") WHERE status = \'open\'');
    await q.query(
      'CREATE TABLE "early_stop" ("referral_id" uuid NOT NULL, "recipient_unit_id" text NOT NULL, "kind" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_078c05be7a36b535fca55dc8d61" PRIMARY KEY ("referral_id", "recipient_unit_id", "kind"))',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "early_stop"');
    await q.query('DROP INDEX "deadline"."clock_due_open"');
    await q.query('DROP INDEX "deadline"."clock_organisation"');
    await q.query('DROP TABLE "clock"');
    for (const sql of messagingTablesDown('deadline')) await q.query(sql);
  }
}
