import type { FieldProblem } from '../problem';

/** A field problem's message, from its field, rule and (for limits and lists) the message as written. */
export type FieldText = (field: string, message: string) => string;

/** The last number a message names: the 200 of "shorter than or equal to 200 characters", the 50 000 of a limit. */
const limit = (message: string) => /(\d[\d ]*\d|\d)(?!.*\d)/.exec(message)?.[1] ?? '';
/** The values after "one of:", "values:" or "may contain:". */
const values = (message: string) =>
  /(?:values|one of|may contain):\s*(.+)$/.exec(message)?.[1] ??
  /must be ([\w-]+(?:, [\w-]+)* or [\w-]+)$/.exec(message)?.[1]?.replace(/ or /g, ' eller ');
const dateRange = (message: string) =>
  /(\d{4}-\d{2}(?:-\d{2})?) (?:til|to) (\d{4}-\d{2}(?:-\d{2})?)/.exec(message);

const DATABASE_NB: Record<string, string> = {
  invalidValue: 'er ikke en verdi av den typen feltet tar',
  tooLong: 'er lengre enn feltet tillater',
  outOfRange: 'er utenfor det tillatte området',
  invalidDate: 'er ikke en gyldig dato eller et gyldig tidspunkt',
  invalidCharacters: 'inneholder tegn som ikke kan lagres',
  required: 'er påkrevd og kan ikke være null',
  check: 'bryter en regel for hva som kan lagres',
  tooLarge: 'er for stort til å lagres',
};
const database =
  (rule: string): FieldText =>
  (field, message) =>
    `${message.startsWith('The field stored as') ? `Feltet som lagres som ${field}` : 'En verdi i forespørselen'} ${DATABASE_NB[rule]}`;

/** Field problems in bokmål, by rule. */
export const FIELD_TEXTS_NB: Record<string, FieldText> = {
  unknownField: (f) => `${f} er ikke et felt dette endepunktet tar imot`,
  isString: (f) => `${f} må være tekst`,
  isNotEmpty: (f) => `${f} må fylles ut`,
  isDefined: (f) => `${f} må være med`,
  isIn: (f, m) => {
    const allowed = values(m);
    return allowed ? `${f} må være en av: ${allowed}` : `${f} har en verdi som ikke er tillatt`;
  },
  isEnum: (f) => `${f} har en verdi som ikke er tillatt`,
  isUuid: (f) => `${f} må være en UUID`,
  isInt: (f) => `${f} må være et heltall`,
  isNumber: (f) => `${f} må være et tall`,
  isBoolean: (f) => `${f} må være true eller false`,
  isEmail: (f) => `${f} må være en e-postadresse`,
  isUrl: (f) => `${f} må være en nettadresse (URL)`,
  isIso8601: (f) => `${f} må være et tidspunkt i ISO 8601, f.eks. 2026-11-24T08:00:00Z`,
  isObject: (f) =>
    f === 'body' ? 'Innholdet i forespørselen må være et JSON-objekt' : `${f} må være et objekt`,
  isArray: (f) => `${f} må være en liste`,
  nestedValidation: (f) => `${f} må være et objekt eller en liste`,
  min: (f, m) => `${f} må være minst ${limit(m)}`,
  max: (f, m) => `${f} kan være høyst ${limit(m)}`,
  minLength: (f, m) => `${f} må være minst ${limit(m)} tegn`,
  maxLength: (f, m) => `${f} kan være høyst ${limit(m)} tegn`,
  arrayMaxSize: (f, m) => `${f} kan ha høyst ${limit(m)} elementer`,
  arrayMinSize: (f, m) => `${f} må ha minst ${limit(m)} elementer`,
  arrayNotEmpty: (f) => `${f} må ha minst ett element`,
  matches: (f, m) => {
    const format = /written (\S+)$/.exec(m)?.[1];
    return format ? `${f} må skrives ${format}` : `${f} har ikke riktig format`;
  },
  equals: (f, m) => {
    const value = /must be (\S+?),? or left out/.exec(m)?.[1];
    return value ? `${f} må være ${value}, eller utelates` : `${f} har en verdi som ikke er tillatt`;
  },
  maxDepth: (f, m) =>
    `Innholdet i forespørselen er nestet dypere enn ${/deeper than (\d+)/.exec(m)?.[1] ?? ''} nivåer (ved ${f})`,
  isDateOnly: (f) => `${f} må være en ekte dato skrevet ÅÅÅÅ-MM-DD`,
  isDateWithin: (f, m) => {
    const range = dateRange(m);
    if (!range) return `${f} er utenfor tidsrommet feltet tillater`;
    return `${f} må være en ${range[1].length === 7 ? 'måned' : 'dato'} fra ${range[1]} til ${range[2]}`;
  },
  isAfterFrom: (f) => `${f} må være senere enn from`,
  isUniqueArray: (f) => `${f} kan ikke inneholde samme verdi to ganger`,
  isUniqueBy: (f, m) => `${f} kan ikke nevne samme ${/same (\S+) twice/.exec(m)?.[1] ?? 'verdi'} to ganger`,
  atLeastOneField: (_f, m) => `Send minst ett av feltene: ${/: (.+)$/.exec(m)?.[1] ?? ''}`,
  noNulCharacters: (f) => `${f} inneholder et NUL-tegn (\\u0000)`,
  wellFormedUnicode: (f) => `${f} inneholder et enslig surrogattegn (tekst som ikke er gyldig Unicode)`,
  percentEncoding: (f) =>
    `${f === 'path' ? 'Stien' : 'Spørredelen'} i adressen er ikke gyldig prosentkodet UTF-8`,
  isNorwegianNationalId: (f) => `${f} må være et gyldig norsk fødselsnummer eller D-nummer`,
  isOrganisationNumber: (f) =>
    `${f} må være et gyldig norsk organisasjonsnummer (9 sifre med kontrollsiffer etter mod 11)`,
  isKommunenummer: (f) =>
    `${f} må være det firesifrede nummeret til en norsk kommune (gyldig fra 1. januar 2024)`,
  isNorwegianAccountNumber: (f) =>
    `${f} må være et gyldig norsk kontonummer (11 sifre med kontrollsiffer etter mod 11)`,
  isKid: (f) =>
    `${f} må være et gyldig KID-nummer (2 til 25 sifre med kontrollsiffer etter MOD10 eller MOD11)`,
  ...Object.fromEntries(Object.keys(DATABASE_NB).map((rule) => [rule, database(rule)])),
};

/** Messages the validators write in bokmål (the access log's, the date windows), said again in English. */
export const FIELD_TEXTS_EN: Record<string, FieldText> = {
  isString: (f) => `${f} must be a string`,
  isUuid: (f) => `${f} must be a UUID`,
  isInt: (f) => `${f} must be a whole number`,
  min: (f, m) => `${f} must be at least ${limit(m)}`,
  max: (f, m) => `${f} must be at most ${limit(m)}`,
  maxLength: (f, m) => `${f} must be at most ${limit(m)} characters`,
  matches: (f) => `${f} is not in the expected format`,
  isIso8601: (f) => `${f} must be a point in time in ISO 8601, e.g. 2026-11-24T08:00:00Z`,
  isAfterFrom: (f) => `${f} must be later than from`,
  isDateWithin: (f, m) => {
    const range = dateRange(m);
    if (!range) return `${f} is outside the period the field allows`;
    return `${f} must be a ${range[1].length === 7 ? 'month' : 'date'} from ${range[1]} to ${range[2]}`;
  },
};

/** A message a validator wrote in bokmål rather than English. */
export const isBokmal = (text: string) => /[æøåÆØÅ]|\b(må|kan være|være|senere enn|fra|til)\b/.test(text);

export function fieldMessage(problem: FieldProblem, language: 'en' | 'nb'): string {
  if (language === 'nb') {
    const text = FIELD_TEXTS_NB[problem.rule];
    return text ? text(problem.field, problem.message) : problem.message;
  }
  if (!isBokmal(problem.message)) return problem.message;
  const text = FIELD_TEXTS_EN[problem.rule];
  return text ? text(problem.field, problem.message) : `${problem.field} is not valid`;
}
