import { Principal } from '@overgang/auth';
import { ContactPersonChanges } from '../../domain/directory';

export interface UpdateContactPersonCommand {
  contactPersonId: string;
  /** Only the fields to change; active: false when the person has left. */
  changes: ContactPersonChanges;
  actor: Principal;
  correlationId: string;
}
