import { MigrationInterface, QueryRunner } from 'typeorm';

export class HousingSituationCounts1796146317590 implements MigrationInterface {
  name = 'HousingSituationCounts1796146317590';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "housing_situation_fact" ("referral_id" uuid NOT NULL, "referral_type" text NOT NULL, "municipality_number" text NOT NULL, "month" text, "situation" text NOT NULL, CONSTRAINT "PK_48d56d99a05ea5fded8a481d3f1" PRIMARY KEY ("referral_id"))',
    );
    await q.query(
      'CREATE TABLE "housing_situation_count" ("referral_type" text NOT NULL, "municipality_number" text NOT NULL, "month" text NOT NULL, "situation" text NOT NULL, "count" integer NOT NULL, "sequence" bigint NOT NULL, CONSTRAINT "PK_b6924cbb46c8e7ca262ed2c0072" PRIMARY KEY ("referral_type", "municipality_number", "month", "situation"))',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "housing_situation_count"');
    await q.query('DROP TABLE "housing_situation_fact"');
  }
}
