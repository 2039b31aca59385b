import { Initial1795427556711 } from './1795427556711-initial';
import { ClockPauses1795429003382 } from './1795429003382-clockpauses';
import { DeadlineEngine1795429822212 } from './1795429822212-deadlineengine';
import { IdempotencyKeys1796122783479 } from './1796122783479-idempotencykeys';
import { OrderedEvents1796123000294 } from './1796123000294-orderedevents';
import { DirectoryProjection1796132979390 } from './1796132979390-directoryprojection';
import { FairDeadlines1796136011538 } from './1796136011538-fairdeadlines';
import { Statistics1796137573815 } from './1796137573815-statistics';
import { StepClocks1796142643629 } from './1796142643629-stepclocks';
import { FactsBeforeSubmitted1796144145567 } from './1796144145567-factsbeforesubmitted';

/** Committed migrations, oldest first; run at start. Never synchronize. */
export const MIGRATIONS = [
  Initial1795427556711,
  ClockPauses1795429003382,
  DeadlineEngine1795429822212,
  IdempotencyKeys1796122783479,
  OrderedEvents1796123000294,
  DirectoryProjection1796132979390,
  FairDeadlines1796136011538,
  Statistics1796137573815,
  StepClocks1796142643629,
  FactsBeforeSubmitted1796144145567,
];
