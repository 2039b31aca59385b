import type { ProblemDocument } from '../problem';
import { REFERRAL_TEXTS } from './referral-texts';
import {
  asSent,
  str,
  list,
  fromDetail,
  statusNb,
  NOT_FOUND_NB,
  RETRY_WITH_KEY_NB,
  RATE_LIMITED_EN,
  type CodeTexts,
} from './text-helpers';

export type { CodeTexts, ProblemText } from './text-helpers';

/** Every problem code the hub answers with, by code. REQUEST.INVALID is built from its field problems. */
export const CODE_TEXTS: Record<string, CodeTexts> = {
  ...REFERRAL_TEXTS,
  'ACCESS_LOG.NOT_ALLOWED': {
    nb: asSent,
    en: (p) =>
      p.detail.includes('etter person')
        ? 'Only security officers and the hub’s administrators can search the access log by person.'
        : 'Only security officers, the hub’s administrators and (for one referral) coordinators can read the access log.',
  },
  'ACCESS_LOG.REFERRAL_REQUIRED': {
    nb: asSent,
    en: () => 'As a coordinator you can read the access log for one referral at a time: give referralId.',
  },
  'ATTACHMENT.ACTIVE_CONTENT': {
    nb: asSent,
    en: () =>
      'The PDF holds active content (JavaScript, embedded files, forms that send data or that start programs). Print it to a new PDF without such content and try again.',
  },
  'ATTACHMENT.EMPTY_PDF': { nb: asSent, en: () => 'The PDF has no pages.' },
  'ATTACHMENT.ENCRYPTED_PDF': {
    nb: asSent,
    en: () => 'The PDF is encrypted or password-protected. Attach a copy without a password.',
  },
  'ATTACHMENT.MISSING': { nb: asSent, en: () => 'Send the PDF as multipart/form-data in the field “file”.' },
  'ATTACHMENT.NOT_ONLY_PDF': {
    nb: asSent,
    en: () =>
      'The file holds HTML or a program besides the PDF content and cannot be attached. Save the document as PDF again and try again.',
  },
  'ATTACHMENT.NOT_PDF': {
    nb: asSent,
    en: () => 'Only PDF files can be attached, and this file is not a whole PDF.',
  },
  'ATTACHMENT.REFERRAL_NOT_ACTIVE': {
    nb: asSent,
    en: (p) =>
      `The referral is ${str(p.currentStatus)}, so no more documents can be attached. Attachments are taken while the referral is ${list(p.allowedStatuses)}.`,
  },
  'ATTACHMENT.UNREADABLE_PDF': {
    nb: asSent,
    en: () => 'The file cannot be read as a PDF. Save the document as PDF again and try again.',
  },
  'AUTH.ROLE_REQUIRED': {
    nb: asSent,
    en: (p) =>
      `This needs one of the roles ${list(p.requiredRoles)} in an organisation where the role applies.`,
  },
  'AUTH.SCOPE_READ_ONLY': {
    nb: asSent,
    en: (p) =>
      `The system was granted read scopes only (${list(p.scopes)}); a change needs a write scope (overgang:<area>.write).`,
  },
  'AUTH.UNIT_NOT_IN_ORGANISATION': {
    nb: asSent,
    en: (p) =>
      p.detail.includes('hører ikke til')
        ? 'The unit in your sign-in does not belong to your organisation.'
        : 'The unit in your sign-in is not in the directory.',
  },
  'AUTH.UNKNOWN_ORGANISATION': {
    nb: asSent,
    en: () =>
      'The organisation in your sign-in is not in the directory of organisations. Contact the hub’s administrators.',
  },
  'CONSENT.DATES_IN_WRONG_ORDER': { nb: () => 'validTo må være samme dag som validFrom eller senere.' },
  'CONSENT.NOT_ACTIVE': { nb: (p) => `Samtykket er allerede ${statusNb(p.currentStatus)}.` },
  'CONSENT.NOT_COVERED': {
    nb: (p) =>
      p.field === 'purposes'
        ? 'Samtykket har aldri omfattet alle formålene du oppga.'
        : 'Samtykket har aldri omfattet alle organisasjonene du oppga.',
  },
  'CONSENT.NOT_FOUND': { nb: () => NOT_FOUND_NB('ikke noe samtykke') },
  'CONSENT.ONLY_OWN_ORGANISATION': {
    nb: () =>
      'En mottakende organisasjon kan bare registrere at samtykket er trukket tilbake overfor seg selv: send organisationNumbers med ditt eget organisasjonsnummer.',
  },
  'DEADLINE.ANCHOR_MISSING': {
    nb: (p) => `Fristen ${str(p.policyId)} regnes bakover fra en dato som ikke er kjent ennå.`,
  },
  'DEADLINE.INVALID_PAUSE': {
    nb: () => 'En pause må begynne etter at fristen startet, og slutte etter at den begynte.',
  },
  'DEADLINE.NOT_ANCHORED': { nb: (p) => `Fristen ${str(p.policyId)} avhenger ikke av en dato i saken.` },
  'DEADLINE.NOT_FOUND': { nb: () => NOT_FOUND_NB('ingen frist') },
  'DEADLINE.UNKNOWN_POLICY': { nb: (p) => `Det finnes ingen fristregel ${str(p.policyId)}.` },
  'DIRECTORY.ABSENCE_IN_PAST': {
    nb: asSent,
    en: (p) =>
      `The absence is already over: its last day (to) is before today (${str(p.today)}). Register only absences that are going on or still to come.`,
  },
  'DIRECTORY.CONTACT_NOT_FOUND': { nb: () => 'Kontaktpersonen finnes ikke i katalogen.' },
  'DIRECTORY.CSV_EMPTY': { nb: () => 'Send kontaktpersonene som text/csv med en overskriftslinje.' },
  'DIRECTORY.CSV_HEADER': {
    nb: (p) => `Den første linjen må være: ${fromDetail(p, /must be: (.*)$/s) ?? ''}`.trimEnd(),
  },
  'DIRECTORY.CSV_ROW': { nb: (p) => `Rad ${str(p.row)}: ${str(p.field, 'et felt')} er ikke gyldig.` },
  'DIRECTORY.CSV_TOO_MANY_ROWS': {
    nb: (p) =>
      `En fil kan inneholde høyst ${fromDetail(p, /at most (\d+)/) ?? ''} kontaktpersoner; del den opp.`,
  },
  'DIRECTORY.DATES_IN_WRONG_ORDER': { nb: () => 'to må være samme dag som from eller senere.' },
  'DIRECTORY.EXISTS': {
    nb: (p) => {
      const what = p.detail.startsWith('Contact person')
        ? 'Kontaktpersonen'
        : p.detail.startsWith('Unit')
          ? 'Enheten'
          : 'Organisasjonen';
      return `${what} finnes allerede i katalogen.`;
    },
  },
  'DIRECTORY.NOT_YOUR_ORGANISATION': {
    nb: () => 'Bare en koordinator i organisasjonen selv (eller hubens administratorer) kan gjøre dette.',
  },
  'DIRECTORY.ROW_NOT_YOUR_ORGANISATION': {
    nb: asSent,
    en: (p) => {
      const where = typeof p.row === 'number' ? `Row ${p.row}` : str(p.row);
      return p.detail.includes('bare hubens administratorer')
        ? `${where}: only the hub’s administrators can add or change an organisation. Nothing was imported.`
        : `${where}: ${str(p.id)} belongs to an organisation other than yours, or was to be moved there. Only a coordinator of that organisation (or the hub’s administrators) can change it. Nothing was imported.`;
    },
  },
  'DIRECTORY.UNIT_NOT_FOUND': { nb: () => 'Enheten finnes ikke i katalogen.' },
  'DIRECTORY.UNKNOWN_MUNICIPALITY': {
    nb: (p) => `${str(p.field, 'Kommunenummeret')} er ikke et norsk kommunenummer.`,
  },
  'DIRECTORY.UNKNOWN_NAV_OFFICE': {
    nb: (p) => `${str(p.field, 'Organisasjonen')} er ikke et NAV-kontor i katalogen.`,
  },
  'DIRECTORY.UNKNOWN_ORGANISATION': {
    nb: (p) => `Organisasjonen i ${str(p.field)} finnes ikke i katalogen.`,
  },
  'DIRECTORY.UNKNOWN_UNIT': {
    nb: (p) =>
      p.row !== undefined
        ? `Rad ${str(p.row)}: enheten finnes ikke i katalogen.`
        : `Enheten i ${str(p.field)} finnes ikke i katalogen.`,
  },
  'GATEWAY.UPSTREAM_UNAVAILABLE': {
    nb: (p) =>
      /in time/.test(p.detail)
        ? `Tjenesten ${str(p.service)} svarte ikke i tide. ${RETRY_WITH_KEY_NB}`
        : `Tjenesten ${str(p.service)} svarer ikke. ${RETRY_WITH_KEY_NB}`,
  },
  'SESSION.CSRF_TOKEN_MISSING': {
    nb: () =>
      'En endring fra nettleseren må ha øktens X-CSRF-Token-header. Last siden på nytt og prøv igjen.',
  },
  'SESSION.EXPIRED': { nb: () => 'Økten din er avsluttet. Logg inn på nytt.' },
  'SESSION.LOGIN_UNKNOWN': {
    nb: () => 'Denne innloggingen ble ikke startet her, eller den tok for lang tid. Logg inn på nytt.',
  },
  'SESSION.NONE': { nb: () => 'Ingen er logget inn i denne nettleseren.' },
  'SESSION.PROVIDER_FAILED': {
    nb: () =>
      'Innloggingen kunne ikke fullføres. Prøv igjen; hvis det fortsetter, kan innloggingstjenesten være nede.',
  },
  'IDEMPOTENCY.KEY_INVALID': {
    nb: (p) =>
      `${str(p.header)}-headeren er ikke gyldig. Send 1 til ${fromDetail(p, /Send 1 to (\d+)/) ?? ''} skrivbare ASCII-tegn, f.eks. en UUID.`,
  },
  'IDEMPOTENCY.KEY_REUSED': {
    nb: (p) =>
      `Denne ${str(p.header)} er allerede brukt med et annet innhold de siste ${fromDetail(p, /last (\d+) hours/) ?? ''} timene. Bruk en ny nøkkel for en ny forespørsel.`,
  },
  'IDEMPOTENCY.REQUEST_IN_FLIGHT': {
    nb: (p) =>
      `En forespørsel med denne ${str(p.header)} behandles fortsatt. Prøv igjen om litt med samme nøkkel for å få svaret.`,
  },
  'NATIONAL_ID.SYNTHETIC': {
    nb: asSent,
    en: (p) =>
      `${str(p.field)} is a synthetic test number (Tenor or Dolly). In production only real national identity numbers and D-numbers are accepted.`,
  },
  'ROUTING.NOT_FOUND': {
    nb: (p) =>
      p.detail.includes('unroutable')
        ? 'Bare hubens koordinatorer ser køen av henvisninger som ikke kan rutes.'
        : NOT_FOUND_NB('ingen henvisning'),
  },
  'ROUTING.ALREADY_HOLDER': {
    nb: asSent,
    en: (p) =>
      `${fromDetail(p, /^(\S+) /) ?? 'The contact person'} already holds the referral in unit ${str(p.unitId)}.`,
  },
  'ROUTING.ASSIGNMENT_CLOSED': {
    nb: asSent,
    en: (p) =>
      `The referral is closed in unit ${fromDetail(p, /enheten (\S+) og/) ?? ''} and cannot be assigned.`,
  },
  'ROUTING.CONTACT_ABSENT': {
    nb: asSent,
    en: (p) =>
      `${fromDetail(p, /^(\S+) /) ?? 'The contact person'} is absent up to and including ${str(p.absentUntil)} and cannot take the referral now. Choose someone who is present.`,
  },
  'ROUTING.CONTACT_INACTIVE': {
    nb: asSent,
    en: (p) =>
      `${fromDetail(p, /^(\S+) /) ?? 'The contact person'} is no longer active in unit ${str(p.unitId)} and cannot take the referral.`,
  },
  'ROUTING.CONTACT_NOT_IN_UNIT': {
    nb: asSent,
    en: (p) =>
      `${fromDetail(p, /^(\S+) /) ?? 'The contact person'} is not a contact person of unit ${str(p.unitId)}. Choose one of the unit’s own contact persons.`,
  },
  'ROUTING.CONTACT_TYPE_NOT_HANDLED': {
    nb: asSent,
    en: (p) =>
      `${fromDetail(p, /^(\S+) /) ?? 'The contact person'} does not take ${str(p.referralType)} referrals in unit ${str(p.unitId)}.`,
  },
  'ROUTING.COORDINATOR_NOT_CONTACT': {
    nb: asSent,
    en: (p) =>
      `You are not a contact person of unit ${str(p.unitId)}, so you cannot take the referral over yourself. Assign it to one of the unit’s contact persons.`,
  },
  'ROUTING.NOT_YOUR_UNIT': {
    nb: asSent,
    en: () =>
      'Only a coordinator of the organisation that owns the unit (or the hub’s administrators) can assign the referral there.',
  },
  'ROUTING.UNIT_NOT_RECIPIENT': {
    nb: asSent,
    en: (p) =>
      `The referral was not sent to that unit. Choose one of the units that received it: ${list(p.units)}.`,
  },
  'REQUEST.BODY_MISSING': {
    nb: (p) =>
      `Dette endepunktet trenger et innhold (${list(p.accepted, ' eller ')}); send {} bare når du mener standardverdien for tomt innhold.`,
  },
  'REQUEST.CONFLICT': { nb: () => 'Dette er i konflikt med noe som allerede er lagret.' },
  'REQUEST.INVALID_JSON': { nb: () => 'Innholdet i forespørselen er ikke gyldig JSON.' },
  'REQUEST.MALFORMED': {
    nb: (p) =>
      p.status === 431
        ? 'Headerne i forespørselen er for store.'
        : 'Forespørselen er ikke gyldig HTTP: tegn utenfor ASCII i adressen må prosentkodes.',
  },
  'REQUEST.MALFORMED_MULTIPART': {
    nb: (p) =>
      /boundary/.test(p.detail)
        ? 'Multipart-innholdet mangler boundary.'
        : 'Multipart-skjemadataene er ødelagte.',
  },
  'REQUEST.RATE_LIMITED': {
    nb: asSent,
    en: (p, a) => (RATE_LIMITED_EN[str(p.limit)] ?? RATE_LIMITED_EN.user)(a.retryAfterSeconds ?? 1),
  },
  'REQUEST.TIMED_OUT': {
    nb: () =>
      'Forespørselen tok for lang tid og ble stoppet. Ingenting ble endret; prøv igjen om noen sekunder.',
  },
  'REQUEST.TOO_LARGE': {
    nb: (p) => {
      const kib = fromDetail(p, /the (\d+) KiB/);
      return kib
        ? `Innholdet i forespørselen er større enn de ${kib} KiB dette endepunktet tar imot.`
        : 'Forespørselen er for stor.';
    },
  },
  'REQUEST.UNSUPPORTED_CHARSET': { nb: () => 'Send innholdet kodet som UTF-8 (charset=utf-8).' },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': {
    nb: (p) => `Dette endepunktet tar imot ${list(p.accepted, ' eller ')}, ikke den innholdstypen du sendte.`,
  },
  'STATISTICS.PERIOD_INVALID': {
    nb: (p) =>
      `Oppgi from og to som måneder (ÅÅÅÅ-MM), from ikke etter to, og høyst ${str(p.maxMonths, '24')} måneder, for eksempel from=2026-01&to=2026-06.`,
  },
  'SERVICE.UNAVAILABLE': {
    nb: () =>
      'Tjenesten når ikke databasen sin akkurat nå. Ingenting ble endret; prøv igjen om noen sekunder.',
  },
  INTERNAL: {
    nb: () =>
      'Noe gikk galt hos oss. Ingenting ble endret; prøv igjen, og oppgi korrelasjons-id-en til brukerstøtte.',
  },
};

/** The status titles in bokmål; English ones are problem.ts's. */
export const TITLES_NB: Record<number, string> = {
  400: 'Ugyldig forespørsel',
  401: 'Ikke logget inn',
  403: 'Ikke tillatt',
  404: 'Ikke funnet',
  405: 'Metoden er ikke tillatt',
  406: 'Kan ikke svare i formatet du ba om',
  408: 'Forespørselen tok for lang tid',
  409: 'Konflikt',
  413: 'For stor',
  415: 'Medietypen støttes ikke',
  422: 'Kan ikke behandles',
  429: 'For mange forespørsler',
  431: 'For store headere',
  500: 'Intern feil',
  502: 'Feil svar fra en tjeneste',
  503: 'Tjenesten er utilgjengelig',
  504: 'En tjeneste svarte ikke i tide',
};

/** HTTP.<status>: Nest's own refusals (no route, no token, a guard) by status. */
const HTTP_DETAILS_NB: Record<number, string> = {
  401: 'Et gyldig bearer-token kreves. Hent et fra påloggingen til organisasjonen din (lokalt: npm run token).',
  403: 'Rollen din tillater ikke denne handlingen.',
  404: 'Det finnes ingenting her, eller du har ikke tilgang til det.',
  405: 'Denne metoden er ikke tillatt her.',
  406: 'Endepunktet kan ikke svare i formatet du ba om.',
  408: 'Forespørselen tok for lang tid.',
  503: 'Tjenesten er utilgjengelig akkurat nå; prøv igjen om noen sekunder.',
};

export function httpDetailNb(p: ProblemDocument): string {
  if (p.detail === 'The request body could not be read.')
    return 'Innholdet i forespørselen kunne ikke leses.';
  return HTTP_DETAILS_NB[p.status] ?? `${TITLES_NB[p.status] ?? 'Feil'}.`;
}
