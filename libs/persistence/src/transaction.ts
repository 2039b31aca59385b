import { DataSource, EntityManager } from 'typeorm';
import { currentTransactionHooks } from './transaction-hooks';

/**
 * Runs work in one transaction on one pooled connection, with the current scope's hooks (see
 * transaction-hooks.ts) at its start and before it commits; a hook that throws rolls everything
 * back. Inside `work`, use only `manager`: asking the pool for a second connection while this one
 * is held can starve the pool (ten such requests at once hang a pool of ten). The outbox writer
 * wakes its relay after the commit by itself.
 */
export async function inTransaction<T>(
  ds: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const hooks = currentTransactionHooks();
  let committed = false;
  try {
    const result = await ds.transaction(async (manager) => {
      for (const hook of hooks) await hook.begin?.(manager);
      const done = await work(manager);
      for (const hook of hooks) await hook.beforeCommit(manager, done);
      return done;
    });
    committed = true;
    return result;
  } finally {
    for (const hook of hooks) hook.afterTransaction?.(committed);
  }
}
