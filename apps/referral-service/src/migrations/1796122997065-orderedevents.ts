import { MigrationInterface, QueryRunner } from 'typeorm';
import { messageSequenceTableDown, messageSequenceTableUp } from '@overgang/messaging';

export class OrderedEvents1796122997065 implements MigrationInterface {
  name = 'OrderedEvents1796122997065';

  async up(q: QueryRunner): Promise<void> {
    // The per-key counter behind the envelope's sequence (libs/messaging outbox.ts).
    for (const sql of messageSequenceTableUp('referral')) await q.query(sql);
    await q.query(
      'CREATE TABLE "pending_reassignment" ("message_id" uuid NOT NULL, "referral_id" uuid NOT NULL, "reassignment" jsonb NOT NULL, "sequence" bigint, "reassigned_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6fa6f77aafd95445006643e0dd9" PRIMARY KEY ("message_id"))',
    );
    await q.query('CREATE INDEX "pending_reassignment_referral" ON "pending_reassignment" ("referral_id") ');
    await q.query('ALTER TABLE "referral" ADD "routing_sequence" bigint');
    await q.query('ALTER TABLE "referral" ADD "routing_at" TIMESTAMP WITH TIME ZONE');
    await q.query('ALTER TABLE "referral_recipient" ADD "holder_sequence" bigint');
    await q.query('ALTER TABLE "referral_recipient" ADD "holder_at" TIMESTAMP WITH TIME ZONE');
    await q.query('ALTER TABLE "referral_recipient" ADD "co_holder_sequence" bigint');
    await q.query('ALTER TABLE "referral_recipient" ADD "co_holder_at" TIMESTAMP WITH TIME ZONE');
    await q.query('ALTER TABLE "referral_clock" ADD "event_sequence" bigint');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "referral_clock" DROP COLUMN "event_sequence"');
    await q.query('ALTER TABLE "referral_recipient" DROP COLUMN "co_holder_at"');
    await q.query('ALTER TABLE "referral_recipient" DROP COLUMN "co_holder_sequence"');
    await q.query('ALTER TABLE "referral_recipient" DROP COLUMN "holder_at"');
    await q.query('ALTER TABLE "referral_recipient" DROP COLUMN "holder_sequence"');
    await q.query('ALTER TABLE "referral" DROP COLUMN "routing_at"');
    await q.query('ALTER TABLE "referral" DROP COLUMN "routing_sequence"');
    await q.query('DROP INDEX "referral"."pending_reassignment_referral"');
    await q.query('DROP TABLE "pending_reassignment"');
    for (const sql of messageSequenceTableDown('referral')) await q.query(sql);
  }
}
