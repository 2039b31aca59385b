import { Initial1795427556434 } from './1795427556434-initial';

/** Committed migrations, oldest first; run at start. Never synchronize. */
export const MIGRATIONS = [Initial1795427556434];
