import { Initial1795427556711 } from './1795427556711-initial';
import { ClockPauses1795429003382 } from './1795429003382-clockpauses';
import { DeadlineEngine1795429822212 } from './1795429822212-deadlineengine';

/** Committed migrations, oldest first; run at start. Never synchronize. */
export const MIGRATIONS = [Initial1795427556711, ClockPauses1795429003382, DeadlineEngine1795429822212];
