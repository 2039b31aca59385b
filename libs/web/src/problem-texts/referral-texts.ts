import {
  asSent,
  str,
  list,
  fromDetail,
  statusNb,
  NOT_FOUND_NB,
  type CodeTexts,
  type ProblemText,
} from './text-helpers';

const INVALID_DATES_NB: Record<string, string> = {
  expectedReleaseDate: 'Forventet løslatelsesdato har allerede passert.',
  admissionDate: 'Innleggelsesdatoen kan ikke være i fremtiden.',
  plannedDischargeDate: 'Planlagt utskrivningsdato må være samme dag som eller etter innleggelsesdatoen.',
  firstMonth: 'Første måned med trekk har allerede passert.',
  releasedOn: 'Løslatelsesdatoen kan ikke være i fremtiden.',
  dischargedOn:
    'Utskrivningsdatoen må være samme dag som eller etter innleggelsesdatoen, og ikke i fremtiden.',
  leftOn: 'Dagen pasienten dro, må være samme dag som eller etter innleggelsesdatoen, og ikke i fremtiden.',
};

/** The dates that a step checks against another date of the referral, by field. */
const INVALID_DATES_AGAINST_NB: Record<string, (p: Parameters<ProblemText>[0]) => string | null> = {
  admissionDate: (p) => {
    const left = fromDetail(p, /the patient left \((\S+)\)/);
    return left
      ? `Den nye innleggelsesdatoen må være samme dag som eller etter ${left}, da pasienten dro.`
      : null;
  },
  effectiveMonth: (p) => `Endringen kan tidligst gjelde fra ${str(p.notBefore)}.`,
};

/** The referral service's problem codes (REFERRAL.*), by code. */
export const REFERRAL_TEXTS: Record<string, CodeTexts> = {
  'REFERRAL.ALREADY_LEFT': {
    nb: (p) =>
      `Pasienten dro allerede ${str(p.leftEarlyOn)}. Registrer en ny innleggelse før pasienten kan registreres som dratt igjen.`,
  },
  'REFERRAL.ALREADY_REJECTED': { nb: () => 'Enheten din har allerede avvist denne henvisningen.' },
  'REFERRAL.CHANGE_PENDING': {
    nb: () => 'En endring av trekket venter allerede på bekreftelse fra NAV. Be om én endring om gangen.',
  },
  'REFERRAL.ALREADY_ACKNOWLEDGED': {
    nb: (p) =>
      `Enheten ${str(p.unitId)} har allerede bekreftet at den mottok henvisningen (${str(p.acknowledgedAt)}).`,
  },
  'REFERRAL.CONSENT_ERASED': {
    nb: asSent,
    en: () =>
      'The consent has ended, and the personal data in it were erased after the retention period. Register a new consent.',
  },
  'REFERRAL.CONSENT_EXPIRED': {
    nb: (p) => {
      const date = fromDetail(p, /expired on (\S+?)\.?$/);
      return date ? `Samtykket gikk ut ${date}.` : 'Samtykket er utløpt.';
    },
  },
  'REFERRAL.CONSENT_MISSING': {
    nb: () => 'Det er ikke registrert noe samtykke med den id-en. Registrer samtykket først.',
  },
  'REFERRAL.CONSENT_NOT_YET_VALID': {
    nb: (p) => `Samtykket gjelder fra ${fromDetail(p, /valid from (\S+?)\.?$/) ?? 'en senere dato'}.`,
  },
  'REFERRAL.CONSENT_OTHER_PERSON': { nb: () => 'Samtykket er gitt av en annen person enn den som henvises.' },
  'REFERRAL.CONSENT_PURPOSE': {
    nb: (p) => {
      const m = /purpose (\S+) \(it covers: (.*)\)\.$/.exec(p.detail);
      return m
        ? `Samtykket omfatter ikke formålet ${m[1]} (det omfatter: ${m[2]}).`
        : 'Samtykket omfatter ikke formålet med denne henvisningen.';
    },
  },
  'REFERRAL.CONSENT_RECIPIENTS': {
    nb: (p) =>
      `Samtykket tillater ikke deling med organisasjon ${list(p.missingOrganisationNumbers)}, som skal motta denne henvisningen.`,
  },
  'REFERRAL.CONSENT_SENDER': {
    nb: (p) =>
      `Samtykket lar ikke organisasjon ${fromDetail(p, /organisation (\S+) share/) ?? ''} dele disse opplysningene.`,
  },
  'REFERRAL.CONSENT_WITHDRAWN': { nb: () => 'Samtykket er trukket tilbake.' },
  'REFERRAL.CONSENT_WITHDRAWN_FOR_RECIPIENT': {
    nb: () =>
      'Personen har trukket tilbake samtykket for organisasjonen din: dere kan ikke ta dette steget. Stans behandlingen og bekreft det.',
  },
  'REFERRAL.DEDUCTION_NOT_CONFIRMED': {
    nb: (p) => `Et trekk som er ${statusNb(p.deductionStatus ?? 'ukjent')}, kan ikke aktiveres.`,
  },
  'REFERRAL.DEDUCTION_NOT_DUE': {
    nb: (p) => `Trekket kan ikke aktiveres før første trekkdato, ${str(p.firstDeductionDate)}.`,
  },
  'REFERRAL.DEDUCTION_NOT_RUNNING': { nb: () => 'Bare et bekreftet eller aktivt trekk kan få endret beløp.' },
  'REFERRAL.ILLEGAL_TRANSITION': {
    nb: (p) => {
      const to = p.requestedStatus ? `bli ${statusNb(p.requestedStatus)}` : 'ta dette steget';
      const next =
        Array.isArray(p.allowedNext) && p.allowedNext.length > 0
          ? ` Tillatt herfra: ${list(p.allowedNext)}.`
          : '';
      return `En henvisning som er ${statusNb(p.currentStatus)}, kan ikke ${to}.${next}`;
    },
  },
  'REFERRAL.INFORMATION_ALREADY_REQUESTED': {
    nb: () => 'Det er allerede bedt om mer informasjon; vent på svaret.',
  },
  'REFERRAL.INVALID_DATES': {
    nb: (p) =>
      p.field === 'expectedReleaseDate' && p.detail.startsWith('The new')
        ? 'Den nye løslatelsesdatoen har allerede passert.'
        : (INVALID_DATES_AGAINST_NB[str(p.field)]?.(p) ??
          INVALID_DATES_NB[str(p.field)] ??
          `${str(p.field, 'Datoen')} er ikke en gyldig dato her.`),
  },
  'REFERRAL.MUNICIPALITY_NOT_SERVED': {
    nb: (p) =>
      `Kommunen har ennå ingen ${list(p.missingUnitKinds, ' eller ')}-enhet i katalogen som tar imot denne typen henvisning. Be hubens koordinatorer om å legge den til.`,
  },
  'REFERRAL.NOT_A_RECIPIENT': { nb: () => 'Bare en kontaktperson i en mottakende enhet kan gjøre dette.' },
  'REFERRAL.NOT_FOUND': { nb: () => NOT_FOUND_NB('ingen henvisning') },
  'REFERRAL.NOT_YET_DELIVERED': {
    nb: () => 'Henvisningen er ikke sendt videre til mottakerne ennå; prøv igjen om et øyeblikk.',
  },
  'REFERRAL.NO_CHANGE_PENDING': {
    nb: () => 'Det er ingen endring av beløp eller stans som venter på bekreftelse.',
  },
  'REFERRAL.NO_INFORMATION_REQUESTED': { nb: () => 'Det er ikke bedt om noen informasjon.' },
  'REFERRAL.NOTE_REQUIRED': { nb: () => 'Beskriv hva som ble gjort når utfallet er «other» (annet).' },
  'REFERRAL.REASON_REQUIRED': { nb: () => 'Oppgi hvorfor det ikke kunne tilbys bolig.' },
  'REFERRAL.RECIPIENT_ONLY': { nb: () => 'Bare en kontaktperson i en mottakende enhet kan ta dette steget.' },
  'REFERRAL.SENDER_ONLY': {
    nb: (p) =>
      `Bare en ${fromDetail(p, /^Only an? (\S+) of/) ?? 'saksbehandler'} i den sendende organisasjonen kan ta dette steget.`,
  },
  'REFERRAL.STEP_NOT_FOR_TYPE': {
    nb: (p) => {
      const m = /^An? (\S+) has no step (\S+?)\.$/.exec(p.detail);
      return m ? `En ${m[1]} har ikke steget ${m[2]}.` : 'Denne typen henvisning har ikke dette steget.';
    },
  },
  'REFERRAL.STILL_ADMITTED': {
    nb: () =>
      'Pasienten er fortsatt innlagt: en ny innleggelse kan bare registreres etter utskrivning eller etter at pasienten dro.',
  },
  'REFERRAL.STOP_ALREADY_CONFIRMED': {
    nb: () => 'Organisasjonen din har allerede bekreftet at den har stanset behandlingen.',
  },
  'REFERRAL.UNKNOWN_ATTACHMENT': { nb: () => 'En vedleggs-id hører ikke til denne henvisningen.' },
  'REFERRAL.UNKNOWN_INSTITUTION': {
    nb: () => 'Institusjonen er ikke en institusjon i helseforetaket ditt i katalogen.',
  },
  'REFERRAL.WRONG_UNIT': {
    nb: (p) => {
      const kinds = fromDetail(p, /^Only an? (.+) unit can/);
      return kinds
        ? `Bare en ${kinds.replace(/ or /g, ' eller ')}-enhet kan ta dette steget.`
        : 'Bare en enhet av en annen type kan ta dette steget.';
    },
  },
};
