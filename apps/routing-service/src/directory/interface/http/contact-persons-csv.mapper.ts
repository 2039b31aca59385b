import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Principal } from '@overgang/auth';
import { DomainError } from '@overgang/core';
import { readContactPersonsCsv } from '../../application/import-export/contact-persons.csv';
import { ImportContactPersonsCommand } from '../../application/import-export/import-contact-persons.command';
import { CreateContactPersonDto } from './dto/contact-person.request.dto';

/**
 * A text/csv body as an import command. Every row is checked by the same rules as a contact person
 * added one by one, before anything is written; a bad row refuses the whole file, naming the row
 * and the field.
 */
export async function toImportContactPersonsCommand(
  csv: unknown,
  actor: Principal,
  correlationId: string,
): Promise<ImportContactPersonsCommand> {
  const contactPersons: ImportContactPersonsCommand['contactPersons'] = [];
  for (const { row, fields } of readContactPersonsCsv(csv)) {
    const dto = plainToInstance(CreateContactPersonDto, fields);
    const errors = await validate(dto);
    if (errors.length > 0) {
      const e = errors[0];
      throw new DomainError(
        'DIRECTORY.CSV_ROW',
        `Row ${row}: ${Object.values(e.constraints ?? {})[0] ?? `${e.property} is not valid`}.`,
        'invalid',
        { field: e.property, row },
      );
    }
    contactPersons.push({ ...dto, row });
  }
  return { contactPersons, actor, correlationId };
}
