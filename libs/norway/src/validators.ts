import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';
import { isValidAccountNumber } from './bank-account';
import { isValidKid } from './kid';
import { isKnownKommunenummer } from './kommunenummer';
import { validateNationalId } from './national-id';
import { isValidOrganisationNumber } from './organisation-number';

// Messages name the rule, never the submitted value: a national identity number must not reach logs or responses.

export function IsNorwegianNationalId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNorwegianNationalId',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validateNationalId(value).valid,
        defaultMessage: buildMessage(
          (each, args) =>
            `${each}${args?.property ?? 'value'} must be a valid Norwegian national identity number ` +
            `(fødselsnummer or D-number): ${nationalIdReason(args?.value)}`,
          options,
        ),
      },
    },
    options,
  );
}

export function IsOrganisationNumber(options?: ValidationOptions): PropertyDecorator {
  return stringRule(
    'isOrganisationNumber',
    isValidOrganisationNumber,
    'must be a valid Norwegian organisation number (9 digits with a mod-11 control digit)',
    options,
  );
}

export function IsKommunenummer(options?: ValidationOptions): PropertyDecorator {
  return stringRule(
    'isKommunenummer',
    isKnownKommunenummer,
    'must be the 4-digit number of a Norwegian municipality (kommunenummer) valid from 1 January 2024',
    options,
  );
}

export function IsNorwegianAccountNumber(options?: ValidationOptions): PropertyDecorator {
  return stringRule(
    'isNorwegianAccountNumber',
    isValidAccountNumber,
    'must be a valid Norwegian bank account number (11 digits with a mod-11 control digit)',
    options,
  );
}

export function IsKid(options?: ValidationOptions): PropertyDecorator {
  return stringRule(
    'isKid',
    isValidKid,
    'must be a valid KID (2 to 25 digits with a MOD10 or MOD11 control digit)',
    options,
  );
}

function stringRule(
  name: string,
  isValid: (value: string) => boolean,
  rule: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValid(value),
        defaultMessage: buildMessage((each, args) => `${each}${args?.property ?? 'value'} ${rule}`, options),
      },
    },
    options,
  );
}

function nationalIdReason(value: unknown): string {
  // With { each: true } class-validator hands the whole collection to the message.
  const candidates = Array.isArray(value) ? value : [value];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') return 'must be a string of 11 digits';
    const result = validateNationalId(candidate);
    if (!result.valid) return result.reason;
  }
  return 'is not valid';
}
