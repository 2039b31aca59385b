import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs work in one transaction on one pooled connection. Inside `work`, use only `manager`: asking
 * the pool for a second connection while this one is held can starve the pool (ten such requests
 * at once hang a pool of ten). The outbox writer wakes its relay after the commit by itself.
 */
export async function inTransaction<T>(
  ds: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return ds.transaction((manager) => work(manager));
}
