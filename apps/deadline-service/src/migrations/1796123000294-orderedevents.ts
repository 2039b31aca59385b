import { MigrationInterface, QueryRunner } from 'typeorm';
import { messageSequenceTableDown, messageSequenceTableUp } from '@overgang/messaging';

export class OrderedEvents1796123000294 implements MigrationInterface {
  name = 'OrderedEvents1796123000294';

  async up(q: QueryRunner): Promise<void> {
    // The per-key counter behind the envelope's sequence (libs/messaging outbox.ts).
    for (const sql of messageSequenceTableUp('deadline')) await q.query(sql);
    await q.query(
      'CREATE TABLE "unit_holder" ("referral_id" uuid NOT NULL, "unit_id" text NOT NULL, "holder_contact_person_id" text, "holder_sequence" bigint, "holder_at" TIMESTAMP WITH TIME ZONE, "co_holder_contact_person_id" text, "co_holder_sequence" bigint, "co_holder_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_324660990b546f347183c31cf17" PRIMARY KEY ("referral_id", "unit_id"))',
    );
    await q.query('ALTER TABLE "clock" ADD "co_holder_contact_person_id" text');
    await q.query('ALTER TABLE "clock" ADD "pause_sequence" bigint');
    await q.query('ALTER TABLE "clock" ADD "pause_event_at" TIMESTAMP WITH TIME ZONE');
    await q.query('ALTER TABLE "referral_anchor" ADD "sequence" bigint');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "referral_anchor" DROP COLUMN "sequence"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "pause_event_at"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "pause_sequence"');
    await q.query('ALTER TABLE "clock" DROP COLUMN "co_holder_contact_person_id"');
    await q.query('DROP TABLE "unit_holder"');
    for (const sql of messageSequenceTableDown('deadline')) await q.query(sql);
  }
}
