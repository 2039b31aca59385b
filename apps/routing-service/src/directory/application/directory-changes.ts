import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction } from '@overgang/persistence';
import { DirectoryRepository } from '../infrastructure/directory.repository';
import { DIRECTORY_CHANGE_LISTENER, DirectoryChangeListener, DirectoryTx } from './directory-change.listener';
import { PublishRecipientMapHandler } from './publish-recipient-map/publish-recipient-map.handler';

/**
 * Every change to who receives what runs here: one change at a time, then a new recipient map for
 * the referral service and a new try for every referral that could not be routed, all in the
 * change's transaction.
 */
@Injectable()
export class DirectoryChanges {
  constructor(
    private readonly ds: DataSource,
    private readonly repository: DirectoryRepository,
    private readonly publishMap: PublishRecipientMapHandler,
    @Inject(DIRECTORY_CHANGE_LISTENER) private readonly listener: DirectoryChangeListener,
  ) {}

  run<T>(correlationId: string, work: (tx: DirectoryTx) => Promise<T>): Promise<T> {
    return inTransaction(this.ds, async (manager) => {
      await this.repository.lock(manager);
      const tx: DirectoryTx = { manager, correlationId };
      const result = await work(tx);
      await this.repository.bumpVersion(manager);
      await this.publishMap.publish(manager, correlationId);
      await this.listener.directoryChanged(tx);
      return result;
    });
  }
}
