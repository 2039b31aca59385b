import { MigrationInterface, QueryRunner } from 'typeorm';

export class DirectoryProjection1796132981074 implements MigrationInterface {
  name = 'DirectoryProjection1796132981074';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "directory_organisation" ("organisation_number" text NOT NULL, "type" text NOT NULL, CONSTRAINT "PK_f88ea7dc2be416f0afbc1c1426c" PRIMARY KEY ("organisation_number"))',
    );
    await q.query(
      'CREATE TABLE "directory_unit" ("id" text NOT NULL, "organisation_number" text NOT NULL, "kind" text NOT NULL, CONSTRAINT "PK_bc7405f34c491e4066a61676844" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE TABLE "directory_projection" ("id" smallint NOT NULL, "version" integer NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a8c7b0ca95297ad3a1157b69fc2" PRIMARY KEY ("id"))',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "directory_projection"');
    await q.query('DROP TABLE "directory_unit"');
    await q.query('DROP TABLE "directory_organisation"');
  }
}
