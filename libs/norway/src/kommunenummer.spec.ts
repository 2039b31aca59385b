import { fylkeName, isKnownKommunenummer, isWellFormedKommunenummer, kommuneName } from './kommunenummer';
import { FYLKER_2024, KOMMUNER_2024 } from './kommuner.data';

describe('kommunenummer', () => {
  it('holds the 357 municipalities and 15 counties of 2024', () => {
    expect(KOMMUNER_2024.size).toBe(357);
    expect(FYLKER_2024.size).toBe(15);
    for (const code of KOMMUNER_2024.keys()) expect(isWellFormedKommunenummer(code)).toBe(true);
  });

  it('has the expected number of municipalities per county', () => {
    const perCounty: Record<string, number> = {};
    for (const code of KOMMUNER_2024.keys())
      perCounty[code.slice(0, 2)] = (perCounty[code.slice(0, 2)] ?? 0) + 1;
    expect(perCounty).toEqual({
      '03': 1,
      '11': 23,
      '15': 27,
      '18': 41,
      '31': 12,
      '32': 21,
      '33': 18,
      '34': 46,
      '39': 6,
      '40': 17,
      '42': 25,
      '46': 43,
      '50': 38,
      '55': 21,
      '56': 18,
    });
  });

  it.each([
    ['0301', 'Oslo'],
    ['1103', 'Stavanger'],
    ['1508', 'Ålesund'],
    ['1580', 'Haram'],
    ['3201', 'Bærum'],
    ['3203', 'Asker'],
    ['3301', 'Drammen'],
    ['3303', 'Kongsberg'],
    ['3305', 'Ringerike'],
    ['4601', 'Bergen'],
    ['5001', 'Trondheim'],
    ['5035', 'Stjørdal'],
    ['5038', 'Verdal'],
    ['5501', 'Tromsø'],
    ['5636', 'Nesseby'],
  ])('knows %s %s', (code, name) => {
    expect(isKnownKommunenummer(code)).toBe(true);
    expect(kommuneName(code)).toBe(name);
  });

  it('tells apart municipalities that share a name', () => {
    expect(kommuneName('1515')).toBe('Herøy (Møre og Romsdal)');
    expect(kommuneName('1818')).toBe('Herøy (Nordland)');
    expect(kommuneName('3114')).toBe('Våler (Østfold)');
    expect(kommuneName('3419')).toBe('Våler (Innlandet)');
  });

  it('does not know numbers retired before 2024', () => {
    for (const code of ['1507', '3001', '3020', '3801', '0219', '1201', '5401', '5444']) {
      expect(isKnownKommunenummer(code)).toBe(false);
      expect(kommuneName(code)).toBeNull();
    }
  });

  it('checks the shape: four digits with a 2024 county prefix', () => {
    expect(isWellFormedKommunenummer('3299')).toBe(true);
    expect(isKnownKommunenummer('3299')).toBe(false);
    for (const value of ['301', '03010', '3001', '5401', '0219', 'abcd', ' 0301', '']) {
      expect(isWellFormedKommunenummer(value)).toBe(false);
    }
    expect(isWellFormedKommunenummer(301 as unknown as string)).toBe(false);
    expect(isKnownKommunenummer(301 as unknown as string)).toBe(false);
  });

  it('names the county', () => {
    expect(fylkeName('3301')).toBe('Buskerud');
    expect(fylkeName('5601')).toBe('Finnmark');
    expect(fylkeName('3001')).toBeNull();
  });
});
