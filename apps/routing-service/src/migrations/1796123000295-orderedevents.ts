import { MigrationInterface, QueryRunner } from 'typeorm';
import { messageSequenceTableDown, messageSequenceTableUp } from '@overgang/messaging';

export class OrderedEvents1796123000295 implements MigrationInterface {
  name = 'OrderedEvents1796123000295';

  async up(q: QueryRunner): Promise<void> {
    // The per-key counter behind the envelope's sequence (libs/messaging outbox.ts).
    for (const sql of messageSequenceTableUp('routing')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of messageSequenceTableDown('routing')) await q.query(sql);
  }
}
