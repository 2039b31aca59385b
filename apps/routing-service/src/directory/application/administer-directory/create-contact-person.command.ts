import { Principal } from '@overgang/auth';
import { ContactPersonRecord } from '../../domain/directory';

export interface CreateContactPersonCommand {
  /** A new contact person is active. */
  contactPerson: Omit<ContactPersonRecord, 'active'>;
  actor: Principal;
  correlationId: string;
}
