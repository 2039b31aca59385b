import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The access log's retention: its entries are kept a number of years, then deleted oldest first. */
@Injectable()
export class AccessLogRetentionRepository {
  /** Deletes up to `limit` entries older than `years` on the database's clock; returns how many. */
  async deleteOlderThan(m: EntityManager, years: number, limit: number): Promise<number> {
    // TypeORM answers a DELETE with [rows, affected].
    const [, deleted]: [unknown[], number] = await m.query(
      `DELETE FROM access_log WHERE id IN (
         SELECT id FROM access_log WHERE at < now() - make_interval(years => $1)
         ORDER BY at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [years, limit],
    );
    return deleted;
  }
}
