import { Principal } from '@overgang/auth';
import { UnitChanges } from '../../domain/directory';

export interface UpdateUnitCommand {
  unitId: string;
  /** Only the fields to change. */
  changes: UnitChanges;
  actor: Principal;
  correlationId: string;
}
