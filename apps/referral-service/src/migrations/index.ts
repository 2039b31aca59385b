import { Initial1795427556149 } from './1795427556149-initial';
import { ConsentLedgerAndLifecycle1795429002805 } from './1795429002805-consentledgerandlifecycle';
import { CoHolder1795431152796 } from './1795431152796-coholder';
import { IdempotencyKeys1796122777136 } from './1796122777136-idempotencykeys';
import { OrderedEvents1796122997065 } from './1796122997065-orderedevents';
import { PersonalDataSealed1796132755502 } from './1796132755502-personaldatasealed';
import { DirectoryProjection1796132981074 } from './1796132981074-directoryprojection';
import { AccessLogComplete1796132997837 } from './1796132997837-accesslogcomplete';
import { HousingSituationCounts1796146317590 } from './1796146317590-housingsituationcounts';

/** Committed migrations, oldest first; run at start. Never synchronize. */
export const MIGRATIONS = [
  Initial1795427556149,
  ConsentLedgerAndLifecycle1795429002805,
  CoHolder1795431152796,
  IdempotencyKeys1796122777136,
  OrderedEvents1796122997065,
  PersonalDataSealed1796132755502,
  DirectoryProjection1796132981074,
  AccessLogComplete1796132997837,
  HousingSituationCounts1796146317590,
];
