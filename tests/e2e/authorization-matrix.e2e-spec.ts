import { randomUUID } from 'crypto';
import request from 'supertest';
import { Client } from 'pg';
import { addCalendarDays, osloDate } from '@overgang/core';
import {
  aBenefitDeduction,
  aConsent,
  aDischargeNotice,
  anAssessmentRequest,
  aNationalId,
  aPdf,
  aReleaseNotice,
  BAERUM,
  DRAMMEN,
  eventually,
  tokenFor,
} from '@overgang/testing';
import { Hub, startHub } from '../support/hub';

/**
 * The authorisation matrix: every by-id and list endpoint of the merged OpenAPI document, and every
 * write that acts on an id, answered for every kind of caller. Each cell is one request.
 *
 * Subjects (made in beforeAll, through the API):
 *   R  release notice, Drammen fengsel → Drammen kommune (boligtjenesten) and NAV Drammen; both
 *      units acknowledged; one attachment; consent CR (the prison's, naming Drammen kommune + NAV)
 *   B  benefit deduction, Drammen kommune (boligtjenesten) → NAV Drammen, open; consent CB
 *   R2 B2 D2 A2  a release notice, benefit deduction, discharge notice (DPS Drammen → Drammen
 *      kommune and NAV Drammen) and assessment request (boligtjenesten → Drammen's substance-use
 *      service, its own municipality), each routed and then withdrawn by its sender, so that every
 *      step on them is refused by their state once the caller is authorised (409): nothing stored.
 *
 * Cells: 200/201 allowed (for a list: it answers and shows the subject); hid = 200, but the
 * subject is not in the answer; 409/422 = allowed, then refused by the subject's state or the
 * body (nothing stored); 403 = the role or the side (sender/recipient) may not; 404 = the caller
 * may not see the subject at all.
 */
const COLUMNS = {
  kdf: 'consultant-drammen-fengsel', // R's sender (own prison)
  krf: 'consultant-ringerike-fengsel', // a prison consultant of another prison
  dps: 'staff-vestre-viken-dps-drammen', // D2's sender (health trust)
  tsb: 'staff-vestre-viken-tsb', // the health trust's other unit
  bo1: 'cp-drammen-bolig-1', // recipient (housing) of R, R2, D2; sender of B, B2, A2
  bo2: 'cp-drammen-bolig-2', // bo1's unit: the backup, who holds nothing
  rus: 'cp-drammen-rus-1', // A2's recipient: the same municipality, another unit
  psy: 'cp-drammen-psyk-1', // the same municipality, a unit that neither sent nor received
  coD: 'coord-drammen', // coordinator of Drammen kommune
  nav: 'cp-nav-drammen-1', // recipient at NAV Drammen
  coN: 'coord-nav-drammen', // coordinator of NAV Drammen
  fbo: 'cp-baerum-bolig-1', // foreign caseworker (Bærum kommune)
  fco: 'coord-baerum', // foreign coordinator
  hub: 'hub-admin', // the hub's administrator (also a coordinator)
  seD: 'security-drammen', // security officer, own municipality
  seN: 'security-nav-drammen', // security officer, own NAV office
  seB: 'security-baerum', // security officer, foreign
  seH: 'security-hub', // the hub's security officer
} as const;
type Persona = keyof typeof COLUMNS;
const PERSONAS = Object.keys(COLUMNS) as Persona[];
/** The months the statistics rows ask for (any valid period: the rows check access, not figures). */
const PERIOD = 'from=2026-01&to=2026-12';
const ORG: Record<Persona, string> = {
  kdf: '100000008',
  krf: '100000091',
  dps: '100000121',
  tsb: '100000121',
  bo1: DRAMMEN.housing,
  bo2: DRAMMEN.housing,
  rus: DRAMMEN.housing,
  psy: DRAMMEN.housing,
  coD: DRAMMEN.housing,
  nav: DRAMMEN.nav,
  coN: DRAMMEN.nav,
  fbo: BAERUM.housing,
  fco: BAERUM.housing,
  hub: '100000148',
  seD: DRAMMEN.housing,
  seN: DRAMMEN.nav,
  seB: BAERUM.housing,
  seH: '100000148',
};

type Cell = 200 | 201 | 403 | 404 | 409 | 422 | 'hid';
const hid = 'hid';

// prettier-ignore
const MATRIX: ReadonlyArray<readonly [string, ...Cell[]]> = [
  // row                  kdf  krf  dps  tsb  bo1  bo2  rus  psy  coD  nav  coN  fbo  fco  hub  seD  seN  seB  seH
  ['inbox R',             hid, hid, hid, hid, 200, 200, hid, hid, 200, 200, 200, hid, hid, hid, hid, hid, hid, hid],
  ['inbox B',             hid, hid, hid, hid, hid, hid, hid, hid, hid, 200, 200, hid, hid, hid, hid, hid, hid, hid],
  ['sent R',              200, hid, hid, hid, hid, hid, hid, hid, hid, hid, hid, hid, hid, hid, hid, hid, hid, hid],
  ['sent B',              hid, hid, hid, hid, 200, 200, hid, hid, 200, hid, hid, hid, hid, hid, hid, hid, hid, hid],
  ['details R',           200, 404, 404, 404, 200, 200, 404, 404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  ['details B',           404, 404, 404, 404, 200, 200, 404, 404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  ['details D2',          404, 404, 200, 404, 200, 200, 404, 404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  ['details A2',          404, 404, 404, 404, 200, 200, 200, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ['history R',           200, 404, 404, 404, 200, 200, 404, 404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  ['history B',           404, 404, 404, 404, 200, 200, 404, 404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  ['attachment R',        200, 404, 404, 404, 200, 200, 404, 404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  ['attachment R via A2', 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ['routing R',           200, 404, 404, 404, 200, 200, 200, 200, 200, 200, 200, 404, 404, 200, 200, 200, 404, 404],
  ['routing B',           404, 404, 404, 404, 200, 200, 200, 200, 200, 200, 200, 404, 404, 200, 200, 200, 404, 404],
  ['consent CR',          200, 404, 404, 404, 200, 200, 404, 404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  ['consent CB',          404, 404, 404, 404, 200, 200, 404, 404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  ['access log of R',     403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 404, 200, 200, 200, hid, 200],
  ['access log by user',  403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 200, hid, 200],
  ['access log person R', 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 200, hid, 200],
  ['clocks of R',         403, 403, 403, 403, 200, hid, hid, hid, 200, 200, 200, hid, hid, 200, 403, 403, 403, 403],
  ['clock R housing',     200, 404, 404, 404, 200, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 404, 404],
  ['clock R NAV',         200, 404, 404, 404, 404, 404, 404, 404, 404, 200, 200, 404, 404, 200, 404, 200, 404, 404],
  ['deadline policies',   200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ['SLA overview',        403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 200, 200, 403, 403, 403, 403],
  ['SLA overview CSV',    403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 200, 200, 403, 403, 403, 403],
  ['release stats',       403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 200, 200, 403, 403, 403, 403],
  ['release stats CSV',   403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 200, 200, 403, 403, 403, 403],
  ['discharge stats',     403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 200, 200, 403, 403, 403, 403],
  ['discharge stats CSV', 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 200, 200, 403, 403, 403, 403],
  ['release housing',     403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 200, 200, 403, 403, 403, 403],
  ['release housing CSV', 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 200, 200, 403, 403, 403, 403],
  ['discharge housing',   403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 200, 200, 403, 403, 403, 403],
  ['discharge housing CSV', 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 200, 200, 403, 403, 403, 403],
  ['organisations',       200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ['unit',                200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ['export',              403, 403, 403, 403, 403, 403, 403, 403, 200, 403, hid, 403, hid, 200, 403, 403, 403, 403],
  ['export CSV',          403, 403, 403, 403, 403, 403, 403, 403, 200, 403, hid, 403, hid, 200, 403, 403, 403, 403],
  ['unroutable',          403, 403, 403, 403, 403, 403, 403, 403, 404, 403, 404, 403, 404, 200, 403, 403, 403, 403],
  // writes by id
  ['acknowledge R',       403, 403, 403, 403, 409, 409, 404, 404, 409, 409, 409, 404, 404, 404, 403, 403, 403, 403],
  ['reject R2',           403, 404, 404, 404, 409, 409, 404, 404, 409, 409, 409, 404, 404, 404, 404, 404, 404, 404],
  ['withdraw R2',         409, 404, 404, 404, 403, 403, 404, 404, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  ['cancel R2',           409, 404, 404, 404, 403, 403, 404, 404, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  ['complete A2',         404, 404, 404, 404, 409, 409, 403, 404, 409, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ['stopped R',           403, 404, 404, 404, 409, 409, 404, 404, 409, 409, 409, 404, 404, 404, 404, 404, 404, 404],
  ['release date R2',     409, 404, 404, 404, 403, 403, 404, 404, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  ['housing outcome R2',  403, 404, 404, 404, 409, 409, 404, 404, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  ['released R2',         409, 404, 404, 404, 403, 403, 404, 404, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  ['discharge date D2',   404, 404, 409, 404, 403, 403, 404, 404, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  ['discharged D2',       404, 404, 409, 404, 403, 403, 404, 404, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  ['readmitted D2',       404, 404, 409, 404, 403, 403, 404, 404, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  ['left early D2',       404, 404, 409, 404, 403, 403, 404, 404, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  ['confirm deduction B2',404, 404, 404, 404, 403, 403, 404, 404, 403, 409, 409, 404, 404, 404, 404, 404, 404, 404],
  ['activate deduction B2',404,404, 404, 404, 403, 403, 404, 404, 403, 409, 409, 404, 404, 404, 404, 404, 404, 404],
  ['change amount B2',    404, 404, 404, 404, 409, 409, 404, 404, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  ['stop deduction B2',   404, 404, 404, 404, 409, 409, 404, 404, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  ['confirm change B2',   404, 404, 404, 404, 403, 403, 404, 404, 403, 409, 409, 404, 404, 404, 404, 404, 404, 404],
  ['NAV outcome R2',      403, 404, 404, 404, 403, 403, 404, 404, 403, 409, 409, 404, 404, 404, 404, 404, 404, 404],
  ['ask information A2',  404, 404, 404, 404, 403, 403, 409, 404, 403, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ['give information A2', 404, 404, 404, 404, 409, 409, 403, 404, 409, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ['answer assessment A2',404, 404, 404, 404, 403, 403, 409, 404, 403, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ['upload attachment R2',409, 404, 404, 404, 409, 409, 404, 404, 409, 409, 409, 404, 404, 404, 404, 404, 404, 404],
  ['withdraw consent CR', 422, 404, 404, 404, 403, 403, 404, 404, 403, 403, 403, 404, 404, 404, 403, 403, 403, 403],
  ['change unit',         403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403, 200, 403, 403, 403, 403],
  ['change contact',      403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403, 200, 403, 403, 403, 403],
  ['register absence',    403, 403, 403, 403, 403, 403, 403, 403, 201, 403, 403, 403, 403, 201, 403, 403, 403, 403],
  ['set NAV coverage',    403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403, 200, 403, 403, 403, 403],
  ['assign R in housing', 403, 403, 403, 403, 403, 403, 403, 403, 422, 403, 403, 403, 404, 422, 403, 403, 403, 403],
];

/** The ids the rows act on, made in beforeAll. */
interface Subjects {
  R: string;
  B: string;
  R2: string;
  B2: string;
  D2: string;
  A2: string;
  CR: string;
  CB: string;
  attachmentR: string;
  clockRHousing: string;
  clockRNav: string;
  personR: string;
  since: string;
}

type Method = 'get' | 'post' | 'patch' | 'put';
interface Row {
  /** The operation as the OpenAPI document names it: `GET /api/v1/referrals/{id}`. */
  op: string;
  /** The concrete path (and query) for these subjects. */
  path: (s: Subjects) => string;
  body?: (s: Subjects) => object;
  /** A multipart file instead of a JSON body. */
  file?: Buffer;
  /** For a list: whether a 200 shows the subject (200) or not (hid). */
  shows?: (body: unknown, text: string, s: Subjects, p: Persona) => boolean;
}

const today = () => osloDate(new Date());
const month = () => today().slice(0, 7);
const PDF = aPdf('Vedtak om midlertidig bolig');
type Items = { items: Array<Record<string, unknown>> };
const itemsOf = (body: unknown) => (body as Items).items;
const listsReferral = (id: keyof Subjects) => (body: unknown, _t: string, s: Subjects) =>
  itemsOf(body).some((i) => i.id === s[id]);
/** NAV's read of R's details in beforeAll: an entry every auditor of R must find. */
const showsNavReadOfR = (body: unknown, _t: string, s: Subjects) =>
  itemsOf(body).some((e) => e.userId === COLUMNS.nav && e.referralId === s.R && e.action === 'read-details');
const step = (id: keyof Subjects, path: string, body: object = {}): Row => ({
  op: `POST /api/v1/referrals/{id}/${path}`,
  path: (s) => `/api/v1/referrals/${s[id]}/${path}`,
  body: () => body,
});

const ROWS: Record<string, Row> = {
  'inbox R': {
    op: 'GET /api/v1/referrals/inbox',
    path: () => '/api/v1/referrals/inbox',
    shows: listsReferral('R'),
  },
  'inbox B': {
    op: 'GET /api/v1/referrals/inbox',
    path: () => '/api/v1/referrals/inbox',
    shows: listsReferral('B'),
  },
  // What a sender sent: the sending unit's, and a coordinator's of the sending organisation.
  'sent R': {
    op: 'GET /api/v1/referrals/sent',
    path: () => '/api/v1/referrals/sent',
    shows: listsReferral('R'),
  },
  'sent B': {
    op: 'GET /api/v1/referrals/sent',
    path: () => '/api/v1/referrals/sent',
    shows: listsReferral('B'),
  },
  'details R': { op: 'GET /api/v1/referrals/{id}', path: (s) => `/api/v1/referrals/${s.R}` },
  'details B': { op: 'GET /api/v1/referrals/{id}', path: (s) => `/api/v1/referrals/${s.B}` },
  'details D2': { op: 'GET /api/v1/referrals/{id}', path: (s) => `/api/v1/referrals/${s.D2}` },
  'details A2': { op: 'GET /api/v1/referrals/{id}', path: (s) => `/api/v1/referrals/${s.A2}` },
  'history R': { op: 'GET /api/v1/referrals/{id}/history', path: (s) => `/api/v1/referrals/${s.R}/history` },
  'history B': { op: 'GET /api/v1/referrals/{id}/history', path: (s) => `/api/v1/referrals/${s.B}/history` },
  'attachment R': {
    op: 'GET /api/v1/referrals/{id}/attachments/{attachmentId}',
    path: (s) => `/api/v1/referrals/${s.R}/attachments/${s.attachmentR}`,
  },
  // R's document by way of another referral (A2, which bo1, bo2, rus and coD may read): not found.
  'attachment R via A2': {
    op: 'GET /api/v1/referrals/{id}/attachments/{attachmentId}',
    path: (s) => `/api/v1/referrals/${s.A2}/attachments/${s.attachmentR}`,
  },
  'routing R': { op: 'GET /api/v1/referrals/{id}/routing', path: (s) => `/api/v1/referrals/${s.R}/routing` },
  'routing B': { op: 'GET /api/v1/referrals/{id}/routing', path: (s) => `/api/v1/referrals/${s.B}/routing` },
  'consent CR': { op: 'GET /api/v1/consents/{id}', path: (s) => `/api/v1/consents/${s.CR}` },
  'consent CB': { op: 'GET /api/v1/consents/{id}', path: (s) => `/api/v1/consents/${s.CB}` },
  'access log of R': {
    op: 'GET /api/v1/access-log',
    path: (s) => `/api/v1/access-log?referralId=${s.R}&userId=${COLUMNS.nav}&pageSize=100`,
    shows: showsNavReadOfR,
  },
  'access log by user': {
    op: 'GET /api/v1/access-log',
    path: (s) => `/api/v1/access-log?userId=${COLUMNS.nav}&from=${encodeURIComponent(s.since)}&pageSize=200`,
    shows: showsNavReadOfR,
  },
  'access log person R': {
    op: 'POST /api/v1/access-log/person-search',
    path: () => '/api/v1/access-log/person-search',
    body: (s) => ({ nationalId: s.personR, from: s.since, pageSize: 200 }),
    shows: showsNavReadOfR,
  },
  'clocks of R': {
    op: 'GET /api/v1/deadlines',
    path: (s) => `/api/v1/deadlines?referralId=${s.R}`,
    shows: (body) => itemsOf(body).length > 0,
  },
  'clock R housing': {
    op: 'GET /api/v1/deadlines/{id}',
    path: (s) => `/api/v1/deadlines/${s.clockRHousing}`,
  },
  'clock R NAV': { op: 'GET /api/v1/deadlines/{id}', path: (s) => `/api/v1/deadlines/${s.clockRNav}` },
  'deadline policies': { op: 'GET /api/v1/deadlines/policies', path: () => '/api/v1/deadlines/policies' },
  'SLA overview': {
    op: 'GET /api/v1/sla/overview',
    path: () => '/api/v1/sla/overview',
    // Always the caller's own organisation, whatever it asks.
    shows: (body, _t, _s, p) => (body as { organisationNumber: string }).organisationNumber === ORG[p],
  },
  'SLA overview CSV': { op: 'GET /api/v1/sla/overview.csv', path: () => '/api/v1/sla/overview.csv' },
  // Counts without personal data: every coordinator sees every municipality's (small numbers hidden).
  'release stats': {
    op: 'GET /api/v1/statistics/releases',
    path: () => `/api/v1/statistics/releases?${PERIOD}`,
  },
  'release stats CSV': {
    op: 'GET /api/v1/statistics/releases.csv',
    path: () => `/api/v1/statistics/releases.csv?${PERIOD}`,
  },
  'discharge stats': {
    op: 'GET /api/v1/statistics/discharges',
    path: () => `/api/v1/statistics/discharges?${PERIOD}`,
  },
  'discharge stats CSV': {
    op: 'GET /api/v1/statistics/discharges.csv',
    path: () => `/api/v1/statistics/discharges.csv?${PERIOD}`,
  },
  // The housing situation at notice, counted and answered by the referral service alone.
  'release housing': {
    op: 'GET /api/v1/statistics/releases/housing-situations',
    path: () => `/api/v1/statistics/releases/housing-situations?${PERIOD}`,
  },
  'release housing CSV': {
    op: 'GET /api/v1/statistics/releases/housing-situations.csv',
    path: () => `/api/v1/statistics/releases/housing-situations.csv?${PERIOD}`,
  },
  'discharge housing': {
    op: 'GET /api/v1/statistics/discharges/housing-situations',
    path: () => `/api/v1/statistics/discharges/housing-situations?${PERIOD}`,
  },
  'discharge housing CSV': {
    op: 'GET /api/v1/statistics/discharges/housing-situations.csv',
    path: () => `/api/v1/statistics/discharges/housing-situations.csv?${PERIOD}`,
  },
  organisations: { op: 'GET /api/v1/directory/organisations', path: () => '/api/v1/directory/organisations' },
  unit: {
    op: 'GET /api/v1/directory/units/{id}',
    path: () => '/api/v1/directory/units/drammen-boligtjenesten',
  },
  export: {
    op: 'GET /api/v1/directory/export',
    path: () => '/api/v1/directory/export',
    shows: (body) =>
      (body as { units: Array<{ id: string }> }).units.some((u) => u.id === 'drammen-boligtjenesten'),
  },
  'export CSV': {
    op: 'GET /api/v1/directory/export.csv',
    path: () => '/api/v1/directory/export.csv',
    shows: (_b, text) => text.includes(`${COLUMNS.bo1},`),
  },
  unroutable: { op: 'GET /api/v1/directory/unroutable', path: () => '/api/v1/directory/unroutable' },

  'acknowledge R': step('R', 'acknowledge'),
  'reject R2': step('R2', 'reject', { reason: 'Ikke vår kommune' }),
  'withdraw R2': step('R2', 'withdraw', { reason: 'Sendt ved en feil' }),
  'cancel R2': step('R2', 'cancel', { reason: 'Løslatelsen er utsatt' }),
  'complete A2': step('A2', 'complete', { note: 'Vurderingen er mottatt' }),
  'stopped R': step('R', 'confirm-processing-stopped'),
  'release date R2': step('R2', 'release-date', {
    expectedReleaseDate: addCalendarDays(today(), 30),
    reasonCode: 'brought-forward',
  }),
  'housing outcome R2': step('R2', 'housing-outcome', { outcome: 'application-received' }),
  'released R2': step('R2', 'released'),
  'discharge date D2': step('D2', 'discharge-date', { plannedDischargeDate: addCalendarDays(today(), 10) }),
  'discharged D2': step('D2', 'discharged'),
  'readmitted D2': step('D2', 'readmitted', { admissionDate: today() }),
  'left early D2': step('D2', 'left-early'),
  'confirm deduction B2': step('B2', 'deduction/confirm', {
    firstDeductionDate: addCalendarDays(today(), 20),
  }),
  'activate deduction B2': step('B2', 'deduction/activate'),
  'change amount B2': step('B2', 'deduction/amount', { monthlyAmount: 6000, effectiveMonth: month() }),
  'stop deduction B2': step('B2', 'deduction/stop', { reasonCode: 'by-request', effectiveMonth: month() }),
  'confirm change B2': step('B2', 'deduction/confirm-change'),
  'NAV outcome R2': step('R2', 'nav-outcome', { outcome: 'follow-up-meeting-booked' }),
  'ask information A2': step('A2', 'information-requests', { question: 'Har søker fast lege?' }),
  'give information A2': step('A2', 'information', { information: 'Ja, fastlege i Drammen.' }),
  'answer assessment A2': step('A2', 'assessment', {
    assessment: 'Kan bo i ordinær bolig med oppfølging.',
    recommendation: 'grant',
  }),
  'upload attachment R2': {
    op: 'POST /api/v1/referrals/{id}/attachments',
    path: (s) => `/api/v1/referrals/${s.R2}/attachments`,
    file: PDF,
  },
  'withdraw consent CR': {
    op: 'POST /api/v1/consents/{id}/withdrawals',
    path: (s) => `/api/v1/consents/${s.CR}/withdrawals`,
    // An organisation the consent never named: the holder is refused by the body (422), a
    // receiving organisation because it may withdraw only for itself (403).
    body: () => ({ organisationNumbers: [BAERUM.housing] }),
  },
  // The directory's own values again: an allowed change changes nothing that routes.
  'change unit': {
    op: 'PATCH /api/v1/directory/units/{id}',
    path: () => '/api/v1/directory/units/drammen-boligtjenesten',
    body: () => ({ name: 'Boligtjenesten, Drammen kommune' }),
  },
  'change contact': {
    op: 'PATCH /api/v1/directory/contact-persons/{id}',
    path: () => '/api/v1/directory/contact-persons/cp-drammen-bolig-2',
    body: () => ({ phone: '+47 400 001 00' }),
  },
  'register absence': {
    op: 'POST /api/v1/directory/contact-persons/{id}/absences',
    path: () => '/api/v1/directory/contact-persons/cp-drammen-bolig-2/absences',
    // Far ahead: no referral moves.
    body: () => ({
      from: addCalendarDays(today(), 400),
      to: addCalendarDays(today(), 401),
      reason: 'course',
    }),
  },
  // A coordinator's assignment in a unit of their own organisation; the person named is of another
  // unit, so an allowed caller is refused by the body (422) and nothing moves.
  'assign R in housing': {
    op: 'POST /api/v1/referrals/{id}/routing/assignments',
    path: (s) => `/api/v1/referrals/${s.R}/routing/assignments`,
    body: () => ({ unitId: 'drammen-boligtjenesten', contactPersonId: 'cp-drammen-rus-1' }),
  },
  'set NAV coverage': {
    op: 'PUT /api/v1/directory/nav-coverage/{municipalityNumber}',
    path: () => `/api/v1/directory/nav-coverage/${DRAMMEN.municipalityNumber}`,
    body: () => ({ navOrganisationNumber: DRAMMEN.nav }),
  },
};

/**
 * Operations that name no existing object, so have no row here: creating something new, or an
 * import. Their role and organisation checks are in tests/e2e/authorization.e2e-spec.ts, the
 * intake suites and the fuzz suite's write endpoints.
 */
const NOT_BY_ID = new Set([
  'POST /api/v1/referrals/release-notices',
  'POST /api/v1/referrals/discharge-notices',
  'POST /api/v1/referrals/benefit-deductions',
  'POST /api/v1/referrals/assessment-requests',
  'POST /api/v1/consents',
  'POST /api/v1/directory/organisations',
  'POST /api/v1/directory/units',
  'POST /api/v1/directory/contact-persons',
  'POST /api/v1/directory/import.csv',
  'POST /api/v1/directory/import',
]);

/** The subjects' ids, replaced by one nobody has to see what a guess is answered. */
const ID_FIELDS = [
  'R',
  'B',
  'R2',
  'B2',
  'D2',
  'A2',
  'CR',
  'CB',
  'attachmentR',
  'clockRHousing',
  'clockRNav',
] as const satisfies ReadonlyArray<keyof Subjects>;

const CELLS = MATRIX.flatMap(([row, ...cells]) =>
  cells.map((expected, i) => [row, PERSONAS[i], COLUMNS[PERSONAS[i]], expected] as const),
);

describe('the authorisation matrix: every role × every by-id and list endpoint × own and foreign organisation', () => {
  let hub: Hub;
  let db: Client;
  const s = {} as Subjects;
  /** Outbox rows and history of the subjects before the first cell, to prove the refusals stored nothing. */
  let matrixStart: Date;
  const api = () => request(hub.gateway);
  const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });

  async function consent(user: string, body: Record<string, unknown>): Promise<string> {
    return (await api().post('/api/v1/consents').set(auth(user)).send(body).expect(201)).body.id;
  }

  async function submit(kind: string, user: string, body: Record<string, unknown>): Promise<string> {
    return (await api().post(`/api/v1/referrals/${kind}`).set(auth(user)).send(body).expect(201)).body.id;
  }

  /** Routed to these units, with a deadline clock each. */
  async function routed(id: string, reader: string, units: string[]) {
    await eventually(
      async () => (await api().get(`/api/v1/referrals/${id}`).set(auth(reader)).expect(200)).body,
      {
        until: (d: { recipients: Array<{ unitId: string; deadline: unknown }> }) =>
          units.every((u) => d.recipients.some((r) => r.unitId === u && r.deadline)),
        what: `referral ${id} routed to ${units.join(', ')}`,
      },
    );
  }

  beforeAll(async () => {
    s.since = new Date().toISOString();
    hub = await startHub();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();

    s.personR = aNationalId();
    s.CR = await consent(COLUMNS.kdf, aConsent({ nationalId: s.personR }));
    s.R = await submit(
      'release-notices',
      COLUMNS.kdf,
      aReleaseNotice({ nationalId: s.personR, consentId: s.CR }),
    );
    const personB = aNationalId();
    s.CB = await consent(
      COLUMNS.bo1,
      aConsent({
        nationalId: personB,
        purposes: ['benefit-deduction'],
        receivingOrganisationNumbers: [DRAMMEN.nav],
      }),
    );
    s.B = await submit(
      'benefit-deductions',
      COLUMNS.bo1,
      aBenefitDeduction({ nationalId: personB, consentId: s.CB }),
    );

    const personR2 = aNationalId();
    s.R2 = await submit(
      'release-notices',
      COLUMNS.kdf,
      aReleaseNotice({
        nationalId: personR2,
        consentId: await consent(COLUMNS.kdf, aConsent({ nationalId: personR2 })),
      }),
    );
    const personB2 = aNationalId();
    s.B2 = await submit(
      'benefit-deductions',
      COLUMNS.bo1,
      aBenefitDeduction({
        nationalId: personB2,
        consentId: await consent(
          COLUMNS.bo1,
          aConsent({
            nationalId: personB2,
            purposes: ['benefit-deduction'],
            receivingOrganisationNumbers: [DRAMMEN.nav],
          }),
        ),
      }),
    );
    const personD2 = aNationalId();
    s.D2 = await submit(
      'discharge-notices',
      COLUMNS.dps,
      aDischargeNotice({
        nationalId: personD2,
        consentId: await consent(
          COLUMNS.dps,
          aConsent({ nationalId: personD2, purposes: ['discharge-housing'] }),
        ),
      }),
    );
    const personA2 = aNationalId();
    s.A2 = await submit(
      'assessment-requests',
      COLUMNS.bo1,
      anAssessmentRequest({
        nationalId: personA2,
        consentId: await consent(
          COLUMNS.bo1,
          aConsent({
            nationalId: personA2,
            purposes: ['assessment'],
            receivingOrganisationNumbers: [DRAMMEN.housing],
          }),
        ),
      }),
    );

    const bothInDrammen = ['drammen-boligtjenesten', 'nav-drammen-sosial'];
    await Promise.all([
      routed(s.R, COLUMNS.kdf, bothInDrammen),
      routed(s.B, COLUMNS.bo1, ['nav-drammen-sosial']),
      routed(s.R2, COLUMNS.kdf, bothInDrammen),
      routed(s.B2, COLUMNS.bo1, ['nav-drammen-sosial']),
      routed(s.D2, COLUMNS.dps, bothInDrammen),
      routed(s.A2, COLUMNS.bo1, ['drammen-rus']),
    ]);

    // R: both units acknowledge, the sender attaches a document, NAV reads the details (logged).
    await api().post(`/api/v1/referrals/${s.R}/acknowledge`).set(auth(COLUMNS.bo1)).expect(200);
    await api().post(`/api/v1/referrals/${s.R}/acknowledge`).set(auth(COLUMNS.nav)).expect(200);
    s.attachmentR = (
      await api()
        .post(`/api/v1/referrals/${s.R}/attachments`)
        .set(auth(COLUMNS.kdf))
        .attach('file', PDF, { filename: 'vedtak.pdf', contentType: 'application/pdf' })
        .expect(201)
    ).body.id;
    await api().get(`/api/v1/referrals/${s.R}`).set(auth(COLUMNS.nav)).expect(200);

    // The closed ones: withdrawn by their senders.
    for (const [id, sender] of [
      [s.R2, COLUMNS.kdf],
      [s.B2, COLUMNS.bo1],
      [s.D2, COLUMNS.dps],
      [s.A2, COLUMNS.bo1],
    ]) {
      await api()
        .post(`/api/v1/referrals/${id}/withdraw`)
        .set(auth(sender))
        .send({ reason: 'Sendt ved en feil' })
        .expect(200);
    }

    const clocks = (
      await eventually(
        async () =>
          (await api().get(`/api/v1/deadlines?referralId=${s.R}`).set(auth(COLUMNS.hub)).expect(200)).body
            .items as Array<{ id: string; recipientOrganisationNumber: string }>,
        {
          until: (items) => new Set(items.map((c) => c.recipientOrganisationNumber)).size === 2,
          what: 'the clocks of both recipients of R',
        },
      )
    ).map((c) => [c.recipientOrganisationNumber, c.id] as const);
    s.clockRHousing = clocks.find(([org]) => org === DRAMMEN.housing)![1];
    s.clockRNav = clocks.find(([org]) => org === DRAMMEN.nav)![1];
    matrixStart = new Date();
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await hub?.stop();
  });

  it('has a row for every by-id and list endpoint of the merged OpenAPI document, and every row a cell per persona', async () => {
    const doc = (await api().get('/docs-json').expect(200)).body as { paths: Record<string, object> };
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      path.startsWith('/api/')
        ? Object.keys(item)
            .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
            .map((m) => `${m.toUpperCase()} ${path}`)
        : [],
    );
    const inMatrix = new Set(Object.values(ROWS).map((r) => r.op));
    // Every read (GET, and the person search sent as a POST) and every write that names an id.
    const mustHaveRow = documented.filter(
      (op) => op.startsWith('GET ') || op.includes('{') || op === 'POST /api/v1/access-log/person-search',
    );
    expect(mustHaveRow.filter((op) => !inMatrix.has(op))).toEqual([]);
    expect(documented.filter((op) => !inMatrix.has(op) && !NOT_BY_ID.has(op))).toEqual([]);
    // No row for an endpoint that is gone.
    expect([...inMatrix].filter((op) => !documented.includes(op))).toEqual([]);
    expect(MATRIX.filter((r) => r.length !== PERSONAS.length + 1 || !ROWS[r[0]]).map((r) => r[0])).toEqual(
      [],
    );
    expect(Object.keys(ROWS).filter((name) => !MATRIX.some((r) => r[0] === name))).toEqual([]);
  });

  /** One cell's request, for these subjects. */
  function send(row: Row, user: string, subjects: Subjects) {
    const method = row.op.split(' ')[0].toLowerCase() as Method;
    const req = api()[method](row.path(subjects)).set(auth(user));
    if (row.file)
      return req.attach('file', row.file, { filename: 'vedtak.pdf', contentType: 'application/pdf' });
    return row.body ? req.send(row.body(subjects)) : req;
  }

  const problem = (r: request.Response) => ({
    status: r.status,
    code: r.body.code,
    title: r.body.title,
    detail: r.body.detail,
  });
  const guessedAnswers = new Map<string, Promise<ReturnType<typeof problem>>>();
  /** The row's request for ids nobody has: what a caller gets for an id they guessed. */
  function guessed(rowName: string, user: string) {
    if (!guessedAnswers.has(rowName)) {
      const unknown = randomUUID();
      const none: Subjects = {
        ...s,
        ...Object.fromEntries(ID_FIELDS.map((f) => [f, unknown])),
      };
      guessedAnswers.set(rowName, send(ROWS[rowName], user, none).then(problem));
    }
    return guessedAnswers.get(rowName)!;
  }

  it.each(CELLS)('%s as %s (%s) → %s', async (rowName, persona, user, expected) => {
    const row = ROWS[rowName];
    const res = await send(row, user, s);
    const status = expected === hid ? 200 : expected;
    // The body goes into the failure message only when the status is wrong.
    expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ status });
    if (status >= 400) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    if (row.shows && status === 200) {
      expect({ shows: row.shows(res.body, res.text, s, persona) ? 200 : hid }).toEqual({ shows: expected });
    }
    // A refused id reads exactly like one that does not exist (the unroutable queue names no id).
    if (status === 404 && rowName !== 'unroutable') {
      expect(problem(res)).toEqual(await guessed(rowName, user));
    }
  });

  it('stored nothing for a refused cell, nor for an allowed one that the state refused: no step, document, consent change or event', async () => {
    const subjects = [s.R, s.B, s.R2, s.B2, s.D2, s.A2];
    /** Rows of the subjects written before the first cell (the set-up's) and since. */
    const split = async (table: string, at: string, where: string) =>
      (
        await db.query<{ before: number; since: number }>(
          `SELECT count(*) FILTER (WHERE ${at} < $2)::int AS before, count(*) FILTER (WHERE ${at} >= $2)::int AS since
             FROM ${table} WHERE ${where}`,
          [subjects, matrixStart],
        )
      ).rows[0];
    const setUp = { before: expect.any(Number), since: 0 };
    expect(await split('referral.referral_history', 'at', 'referral_id = ANY($1)')).toEqual(setUp);
    expect(await split('referral.outbox', 'created_at', "key = ANY($1) AND topic LIKE 'referral.%'")).toEqual(
      setUp,
    );
    expect(await split('referral.attachment', 'uploaded_at', 'referral_id = ANY($1)')).toEqual(setUp);
    // And the set-up's rows are there to be counted: submitted, routed, acknowledged, withdrawn, one document.
    expect((await split('referral.referral_history', 'at', 'referral_id = ANY($1)')).before).toBeGreaterThan(
      12,
    );
    expect((await split('referral.attachment', 'uploaded_at', 'referral_id = ANY($1)')).before).toBe(1);
    const count = async (sql: string, params: unknown[]) =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n;
    expect(await count('referral.consent_change WHERE consent_id = $1', [s.CR])).toBe(0);
    expect((await db.query('SELECT status FROM referral.consent WHERE id = $1', [s.CR])).rows).toEqual([
      { status: 'active' },
    ]);
    expect(
      (
        await db.query('SELECT status FROM referral.referral WHERE id = ANY($1) ORDER BY status', [subjects])
      ).rows.map((r: { status: string }) => r.status),
    ).toEqual(['acknowledged', 'delivered', 'withdrawn', 'withdrawn', 'withdrawn', 'withdrawn']);
  });

  it('refuses a foreign write on an open referral, storing only the refusal in the access log; the sender’s same write is stored', async () => {
    const count = async (sql: string) =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, [s.R])).rows[0].n;
    const anchor = async () =>
      (
        await db.query<{ anchor_date: string }>(
          'SELECT anchor_date::text FROM referral.referral WHERE id = $1',
          [s.R],
        )
      ).rows[0].anchor_date;
    const before = {
      history: await count('referral.referral_history WHERE referral_id = $1'),
      events: await count('referral.outbox WHERE key = $1'),
      attachments: await count('referral.attachment WHERE referral_id = $1'),
      anchor: await anchor(),
    };
    const moved = { expectedReleaseDate: addCalendarDays(today(), 33), reasonCode: 'postponed' };
    const foreign = await api()
      .post(`/api/v1/referrals/${s.R}/release-date`)
      .set(auth(COLUMNS.fbo))
      .send(moved)
      .expect(404);
    expect(foreign.body.code).toBe('REFERRAL.NOT_FOUND');
    const recipient = await api()
      .post(`/api/v1/referrals/${s.R}/release-date`)
      .set(auth(COLUMNS.bo1))
      .send(moved)
      .expect(403);
    expect(recipient.body.code).toBe('REFERRAL.SENDER_ONLY');
    await api()
      .post(`/api/v1/referrals/${s.R}/attachments`)
      .set(auth(COLUMNS.fco))
      .attach('file', PDF, { filename: 'vedtak.pdf', contentType: 'application/pdf' })
      .expect(404);
    expect({
      history: await count('referral.referral_history WHERE referral_id = $1'),
      events: await count('referral.outbox WHERE key = $1'),
      attachments: await count('referral.attachment WHERE referral_id = $1'),
      anchor: await anchor(),
    }).toEqual(before);
    // The attempt itself is on record, for the security officers of both sides.
    const log = await api()
      .get(`/api/v1/access-log?referralId=${s.R}&userId=${COLUMNS.fbo}`)
      .set(auth(COLUMNS.seD))
      .expect(200);
    expect(log.body.items).toContainEqual(
      expect.objectContaining({ action: 'take-step', outcome: 'refused-not-found', userId: COLUMNS.fbo }),
    );

    await api().post(`/api/v1/referrals/${s.R}/release-date`).set(auth(COLUMNS.kdf)).send(moved).expect(200);
    expect(await count('referral.referral_history WHERE referral_id = $1')).toBe(before.history + 1);
    expect(await anchor()).toBe(moved.expectedReleaseDate);
  });

  it('refuses a foreign coordinator’s change of a unit and a contact person: nothing stored, nothing published', async () => {
    const row = async () =>
      (
        await db.query(
          `SELECT u.name, c.email, (SELECT version FROM routing.directory_state WHERE id = 1) AS version,
                  (SELECT count(*)::int FROM routing.outbox) AS events
             FROM routing.unit u JOIN routing.contact_person c ON c.unit_id = u.id
            WHERE u.id = 'drammen-boligtjenesten' AND c.id = 'cp-drammen-bolig-2'`,
        )
      ).rows[0];
    const before = await row();
    for (const [path, body] of [
      ['/api/v1/directory/units/drammen-boligtjenesten', { name: 'Overtatt' }],
      ['/api/v1/directory/contact-persons/cp-drammen-bolig-2', { email: 'angriper@demo.overgang.invalid' }],
    ] as const) {
      const res = await api().patch(path).set(auth(COLUMNS.fco)).send(body).expect(403);
      expect(res.body.code).toBe('DIRECTORY.NOT_YOUR_ORGANISATION');
    }
    expect(await row()).toEqual(before);
  });
});
