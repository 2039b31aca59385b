import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The database's clock: the one time source of deadline decisions, the same for every replica
 * whatever the clocks of their machines say (ARCHITECTURE.md).
 */
@Injectable()
export class DatabaseClock {
  constructor(private readonly ds: DataSource) {}

  /** Now, on the caller's transaction when it has one. */
  async now(manager?: EntityManager): Promise<Date> {
    const [{ now }] = await (manager ?? this.ds).query<Array<{ now: Date }>>(
      `SELECT clock_timestamp() AS now`,
    );
    return now;
  }
}
