import { EntityManager } from 'typeorm';
import { Unavailability } from '../domain/directory';

/** The transaction a directory change runs in, handed to whoever reacts to it. */
export interface DirectoryTx {
  manager: EntityManager;
  correlationId: string;
}

/**
 * What must happen elsewhere, in the same transaction, when the directory changes. The directory
 * only calls it; routing implements it and registers under DIRECTORY_CHANGE_LISTENER, so the
 * directory never depends on routing.
 */
export interface DirectoryChangeListener {
  /** Someone can hold nothing from today; returns how many open referrals moved away from them. */
  holderUnavailable(change: Unavailability, tx: DirectoryTx): Promise<number>;
  /** Who receives what may have changed (after the new recipient map is written). */
  directoryChanged(tx: DirectoryTx): Promise<void>;
}

export const DIRECTORY_CHANGE_LISTENER = Symbol('DirectoryChangeListener');
