import { Principal } from '@overgang/auth';
import { ContactPersonRecord } from '../../domain/directory';

/** Contact persons read from CSV, every row already checked; imported contact persons are active. */
export interface ImportContactPersonsCommand {
  contactPersons: Array<Omit<ContactPersonRecord, 'active'>>;
  actor: Principal;
  correlationId: string;
}
