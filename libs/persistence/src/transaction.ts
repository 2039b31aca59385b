import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs work in one transaction and, only after it committed, the after-commit callbacks it
 * registered (e.g. waking the outbox relay). Nothing outside the database happens for a
 * transaction that rolled back.
 */
export async function inTransaction<T>(
  ds: DataSource,
  work: (manager: EntityManager, afterCommit: (fn: () => void) => void) => Promise<T>,
): Promise<T> {
  const callbacks: Array<() => void> = [];
  const result = await ds.transaction((manager) => work(manager, (fn) => callbacks.push(fn)));
  for (const fn of callbacks) fn();
  return result;
}
