import { validate } from 'class-validator';
import {
  IsKid,
  IsKommunenummer,
  IsNorwegianAccountNumber,
  IsNorwegianNationalId,
  IsOrganisationNumber,
} from './validators';

class PersonDto {
  @IsNorwegianNationalId()
  nationalId!: unknown;
}

class PaymentDto {
  @IsOrganisationNumber()
  organisationNumber!: unknown;

  @IsKommunenummer()
  municipalityNumber!: unknown;

  @IsNorwegianAccountNumber()
  accountNumber!: unknown;

  @IsKid()
  kid!: unknown;
}

class ListDto {
  @IsNorwegianNationalId({ each: true })
  nationalIds!: unknown;
}

function person(nationalId: unknown): PersonDto {
  return Object.assign(new PersonDto(), { nationalId });
}

function payment(values: Partial<PaymentDto>): PaymentDto {
  return Object.assign(
    new PaymentDto(),
    {
      organisationNumber: '974760673',
      municipalityNumber: '3301',
      accountNumber: '1234.56.78903',
      kid: '20008',
    },
    values,
  );
}

describe('IsNorwegianNationalId', () => {
  it('passes a valid number, including a synthetic one', async () => {
    expect(await validate(person('13097248022'))).toEqual([]);
    expect(await validate(person('01819000049'))).toEqual([]);
  });

  it('names the rule and the reason, never the value', async () => {
    const [error] = await validate(person('13097248023'));
    expect(error.constraints).toEqual({
      isNorwegianNationalId:
        'nationalId must be a valid Norwegian national identity number (fødselsnummer or D-number): ' +
        'control digits do not match',
    });
    expect(JSON.stringify(error.constraints)).not.toContain('13097248023');
    expect(JSON.stringify(error.constraints)).not.toContain('130972');
  });

  it('explains a wrong length or type', async () => {
    const [short] = await validate(person('1309724802'));
    expect(short.constraints?.isNorwegianNationalId).toMatch(/: must be 11 digits$/);
    const [number] = await validate(person(13097248022));
    expect(number.constraints?.isNorwegianNationalId).toMatch(/: must be a string of 11 digits$/);
  });

  it('keeps the value out of the error object when the pipe is told to', async () => {
    const errors = await validate(person('13097248023'), {
      validationError: { target: false, value: false },
    });
    expect(JSON.stringify(errors)).not.toContain('13097248023');
  });

  it('reports the first bad element with { each: true }', async () => {
    expect(
      await validate(Object.assign(new ListDto(), { nationalIds: ['13097248022', '53097248016'] })),
    ).toEqual([]);
    const [error] = await validate(
      Object.assign(new ListDto(), { nationalIds: ['13097248022', '13097248032'] }),
    );
    expect(error.constraints?.isNorwegianNationalId).toBe(
      'each value in nationalIds must be a valid Norwegian national identity number (fødselsnummer or D-number): ' +
        'control digits do not match',
    );
  });
});

describe('other Norwegian validators', () => {
  it('pass valid values', async () => {
    expect(await validate(payment({}))).toEqual([]);
    expect(await validate(payment({ kid: '1009-', accountNumber: '86011117947' }))).toEqual([]);
  });

  it('fail invalid values with a rule-naming message that omits the value', async () => {
    const errors = await validate(
      payment({
        organisationNumber: '974760674',
        municipalityNumber: '3001',
        accountNumber: '12345678904',
        kid: '20002',
      }),
    );
    const constraints = Object.fromEntries(errors.map((error) => [error.property, error.constraints]));
    expect(constraints).toEqual({
      organisationNumber: {
        isOrganisationNumber:
          'organisationNumber must be a valid Norwegian organisation number (9 digits with a mod-11 control digit)',
      },
      municipalityNumber: {
        isKommunenummer:
          'municipalityNumber must be the 4-digit number of a Norwegian municipality (kommunenummer) valid from 1 January 2024',
      },
      accountNumber: {
        isNorwegianAccountNumber:
          'accountNumber must be a valid Norwegian bank account number (11 digits with a mod-11 control digit)',
      },
      kid: { isKid: 'kid must be a valid KID (2 to 25 digits with a MOD10 or MOD11 control digit)' },
    });
    const text = JSON.stringify(constraints);
    for (const value of ['974760674', '3001', '12345678904', '20002']) expect(text).not.toContain(value);
  });

  it('fail non-strings', async () => {
    const errors = await validate(
      payment({ organisationNumber: 974760673, municipalityNumber: 301, kid: null }),
    );
    expect(errors.map((error) => error.property).sort()).toEqual([
      'kid',
      'municipalityNumber',
      'organisationNumber',
    ]);
  });
});
