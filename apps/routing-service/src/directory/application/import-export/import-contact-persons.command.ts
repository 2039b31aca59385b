import { Principal } from '@overgang/auth';
import { ContactPersonRecord } from '../../domain/directory';

/** A contact person of an import and the line it came from (the header is line 1). */
export type ImportedContactPerson = Omit<ContactPersonRecord, 'active'> & { row: number };

/** Contact persons read from CSV, every row already checked; imported contact persons are active. */
export interface ImportContactPersonsCommand {
  contactPersons: ImportedContactPerson[];
  actor: Principal;
  correlationId: string;
}
