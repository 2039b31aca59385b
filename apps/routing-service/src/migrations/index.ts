import { Initial1795427556434 } from './1795427556434-initial';
import { FailoverAndAdmin1795431152317 } from './1795431152317-failoverandadmin';

/** Committed migrations, oldest first; run at start. Never synchronize. */
export const MIGRATIONS = [Initial1795427556434, FailoverAndAdmin1795431152317];
