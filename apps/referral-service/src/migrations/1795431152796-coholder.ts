import { MigrationInterface, QueryRunner } from 'typeorm';

export class CoHolder1795431152796 implements MigrationInterface {
  name = 'CoHolder1795431152796';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "referral_recipient" ADD "co_holder_contact_person_id" text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "referral_recipient" DROP COLUMN "co_holder_contact_person_id"');
  }
}
