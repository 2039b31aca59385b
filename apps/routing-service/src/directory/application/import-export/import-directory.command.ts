import { Principal } from '@overgang/auth';
import { DirectoryEntries, Organisation } from '../../domain/directory';

/** The export format; every list may be left out. */
export interface ImportDirectoryCommand {
  organisations?: Array<Omit<Organisation, 'municipalityNumber'> & { municipalityNumber?: string }>;
  units?: DirectoryEntries['units'];
  /** Imported contact persons are active. */
  contactPersons?: Array<Omit<DirectoryEntries['contactPersons'][number], 'active'>>;
  navCoverage?: DirectoryEntries['navCoverage'];
  actor: Principal;
  correlationId: string;
}
