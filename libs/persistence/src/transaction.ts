import { DataSource, EntityManager } from 'typeorm';
import { currentTransactionHooks } from './transaction-hooks';

/**
 * Runs work in one transaction on one pooled connection, then the current scope's hooks (see
 * transaction-hooks.ts) before it commits; a hook that throws rolls everything back. Inside `work`,
 * use only `manager`: asking the pool for a second connection while this one is held can starve
 * the pool (ten such requests at once hang a pool of ten). The outbox writer wakes its relay after
 * the commit by itself.
 */
export async function inTransaction<T>(
  ds: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return ds.transaction(async (manager) => {
    const result = await work(manager);
    for (const hook of currentTransactionHooks()) await hook.beforeCommit(manager, result);
    return result;
  });
}
