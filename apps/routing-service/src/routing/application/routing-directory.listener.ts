import { Injectable } from '@nestjs/common';
import { Unavailability } from '../../directory/domain/directory';
import { DirectoryChangeListener, DirectoryTx } from '../../directory/application/directory-change.listener';
import { RelieveHolderHandler } from './failover/relieve-holder.handler';
import { RouteReferralHandler } from './route-referral/route-referral.handler';

/** Keeps referrals with someone present as the directory changes, in the change's own transaction. */
@Injectable()
export class RoutingDirectoryListener implements DirectoryChangeListener {
  constructor(
    private readonly relieveHolder: RelieveHolderHandler,
    private readonly routeReferral: RouteReferralHandler,
  ) {}

  holderUnavailable(change: Unavailability, tx: DirectoryTx): Promise<number> {
    return this.relieveHolder.relieve(change, tx);
  }

  async directoryChanged(tx: DirectoryTx): Promise<void> {
    await this.routeReferral.retryUnroutable(tx);
  }
}
