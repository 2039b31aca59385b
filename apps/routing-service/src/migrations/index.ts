import { Initial1795427556434 } from './1795427556434-initial';
import { FailoverAndAdmin1795431152317 } from './1795431152317-failoverandadmin';
import { IdempotencyKeys1796122780027 } from './1796122780027-idempotencykeys';
import { OrderedEvents1796123000295 } from './1796123000295-orderedevents';
import { RoutingParts1796142798253 } from './1796142798253-routingparts';

/** Committed migrations, oldest first; run at start. Never synchronize. */
export const MIGRATIONS = [
  Initial1795427556434,
  FailoverAndAdmin1795431152317,
  IdempotencyKeys1796122780027,
  OrderedEvents1796123000295,
  RoutingParts1796142798253,
];
