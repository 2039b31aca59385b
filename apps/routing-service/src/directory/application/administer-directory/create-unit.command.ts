import { Principal } from '@overgang/auth';
import { UnitRecord } from '../../domain/directory';

export interface CreateUnitCommand {
  unit: UnitRecord;
  actor: Principal;
  correlationId: string;
}
