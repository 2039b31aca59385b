import { AsyncLocalStorage } from 'async_hooks';
import { EntityManager } from 'typeorm';

/**
 * Something a unit of work (an HTTP request) adds to every transaction it commits, run inside the
 * transaction after the work and before COMMIT: the request deadline refuses to commit once the
 * caller has been told it failed; an idempotency key is recorded with the effect it guards.
 */
export interface TransactionHook {
  /** First thing in the transaction, before the work (e.g. bound its statements to the time left). */
  begin?(manager: EntityManager): Promise<void>;
  beforeCommit(manager: EntityManager, result: unknown): Promise<void>;
  /** Once the transaction has ended: committed, or rolled back (or its COMMIT failed). */
  afterTransaction?(committed: boolean): void;
}

const scope = new AsyncLocalStorage<TransactionHook[]>();

/** Runs `fn` in a scope whose transactions run the hooks added to it (one scope per request). */
export function runWithTransactionHooks<T>(fn: () => T): T {
  return scope.run([], fn);
}

/** Adds a hook to the current scope; outside a scope (consumers, sweeps) there is nothing to add to. */
export function addTransactionHook(hook: TransactionHook): boolean {
  const hooks = scope.getStore();
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}

export function currentTransactionHooks(): readonly TransactionHook[] {
  return scope.getStore() ?? [];
}
