import { MigrationInterface, QueryRunner } from 'typeorm';

export class RoutingParts1796142798253 implements MigrationInterface {
  name = 'RoutingParts1796142798253';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "routing_part" ("referral_id" uuid NOT NULL, "unit_kind" text NOT NULL, "status" text NOT NULL, "unit_id" text, "reason_code" text, "reason" text, "parked_at" TIMESTAMP WITH TIME ZONE, "routed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_be18619ce4b35a635cadff16698" PRIMARY KEY ("referral_id", "unit_kind"))',
    );
    await q.query(
      'CREATE INDEX "routing_part_parked" ON "routing_part" ("parked_at") WHERE status = \'parked\'',
    );
    // A referral left unroutable before parts existed waits with every part parked, as it did.
    await q.query(`INSERT INTO "routing_part" ("referral_id", "unit_kind", "status", "reason_code", "reason", "parked_at")
      SELECT c.referral_id, k.kind, 'parked', c.reason_code, c.reason, c.decided_at FROM "routing_case" c
      CROSS JOIN LATERAL jsonb_array_elements_text(COALESCE(c.submitted->'receivingUnitKinds', CASE c.referral_type
        WHEN 'release-notice' THEN '["housing-service","nav-social-services"]'::jsonb
        WHEN 'discharge-notice' THEN '["housing-service"]'::jsonb
        ELSE '["nav-social-services"]'::jsonb END)) AS k(kind)
      WHERE c.status = 'unroutable'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "routing"."routing_part_parked"');
    await q.query('DROP TABLE "routing_part"');
  }
}
