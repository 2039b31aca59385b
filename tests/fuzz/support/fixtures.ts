import { randomBytes } from 'crypto';
import { osloDate } from '@overgang/core';
import { organisationNumberFrom8 } from '@overgang/norway';
import {
  aBenefitDeduction,
  aConsent,
  aDischargeNotice,
  anAssessmentRequest,
  aNationalId,
  aReleaseNotice,
  DRAMMEN,
  eventually,
} from '@overgang/testing';
import demo from '../../../apps/routing-service/src/directory/fixtures/demo-directory.json';
import { bearer, Caller } from './request-cases';

export const today = () => osloDate(new Date());

/** A demo directory user as the local issuer would sign them in. */
export function demoCaller(id: string): Caller {
  const u = (
    demo.users as Array<{ id: string; organisationNumber: string; unitId: string | null; roles: string[] }>
  ).find((x) => x.id === id);
  if (!u) throw new Error(`no demo user ${id}`);
  return { sub: u.id, org: u.organisationNumber, unit: u.unitId, roles: u.roles as Caller['roles'] };
}

/** One tag per run, in every id the suite makes up, so its directory entries never meet another suite's. */
export const RUN_TAG = randomBytes(3).toString('hex');

/**
 * The suite's own corner of the directory: an organisation (Bergen, which no other suite uses) with
 * a unit and a contact person that receive nothing, so an accepted fuzzed change never moves a
 * referral another suite is watching. Its coordinator is signed in by the local issuer.
 */
export const FUZZ_DIRECTORY = {
  municipalityNumber: '4601',
  organisationNumber: organisationNumberFrom8('97000001') as string,
  unitId: `fuzz-${RUN_TAG}-bolig`,
  contactPersonId: `cp-fuzz-${RUN_TAG}-1`,
  csvContactPersonId: `cp-fuzz-${RUN_TAG}-csv`,
};
export const FUZZ_COORDINATOR: Caller = {
  sub: `fuzz-${RUN_TAG}-coordinator`,
  org: FUZZ_DIRECTORY.organisationNumber,
  unit: FUZZ_DIRECTORY.unitId,
  roles: ['coordinator'],
};

let serial = 0;
let organisations = 0;
/** A fresh id (or organisation number) per request, so a body accepted once is not a conflict the next time. */
export function fresh(kind: 'unit' | 'contact-person' | 'organisation'): string {
  serial += 1;
  if (kind === 'unit') return `fuzz-${RUN_TAG}-unit-${serial}`;
  if (kind === 'contact-person') return `cp-fuzz-${RUN_TAG}-${serial}`;
  const tag = String(parseInt(RUN_TAG, 16) % 100).padStart(2, '0');
  for (;;) {
    organisations += 1;
    const n = organisationNumberFrom8(`98${tag}${String(organisations % 10_000).padStart(4, '0')}`);
    if (n) return n;
  }
}

export type FixtureKind =
  | 'consent'
  | 'release-consent'
  | 'discharge-consent'
  | 'deduction-consent'
  | 'assessment-consent'
  | 'release-notice'
  | 'release-notice-suspended'
  | 'discharge-notice'
  | 'benefit-deduction'
  | 'benefit-deduction-confirmed'
  | 'assessment-request'
  | 'assessment-request-asked'
  | 'assessment-request-answered';

/** A consent or referral to aim requests at: its id, and for a consent the person it covers. */
export interface Fixture {
  id: string;
  nationalId: string;
}

export const CALLERS = {
  consultant: demoCaller('consultant-drammen-fengsel'),
  otherConsultant: demoCaller('consultant-ringerike-fengsel'),
  staff: demoCaller('staff-vestre-viken-dps-drammen'),
  bolig: demoCaller('cp-drammen-bolig-1'),
  nav: demoCaller('cp-nav-drammen-1'),
  rus: demoCaller('cp-drammen-rus-1'),
  navBaerum: demoCaller('cp-nav-baerum-1'),
  boligBaerum: demoCaller('cp-baerum-bolig-1'),
  coordBaerum: demoCaller('coord-baerum'),
  hubAdmin: demoCaller('hub-admin'),
};

/** Makes consents and referrals in the state an endpoint needs, through the API like any client. */
export class FixturePool {
  /** Per endpoint and kind: one endpoint's accepted step never spends another's fixture. */
  private readonly current = new Map<string, { fixture: Fixture; spent: boolean }>();
  /** How many fixtures were made; callers settle the hub after a new one. */
  made = 0;

  constructor(private readonly gateway: string) {}

  private async call(
    method: string,
    path: string,
    caller: Caller,
    body?: unknown,
  ): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.gateway}${path}`, {
      method,
      headers: { authorization: bearer(caller), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`fixture: ${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  }

  private async consent(caller: Caller, overrides: Record<string, unknown>): Promise<Fixture> {
    const nationalId = aNationalId();
    const created = await this.call(
      'POST',
      '/api/v1/consents',
      caller,
      aConsent({ nationalId, ...overrides }),
    );
    return { id: String(created.id), nationalId };
  }

  private async referral(path: string, caller: Caller, body: Record<string, unknown>): Promise<Fixture> {
    const created = await this.call('POST', `/api/v1/referrals/${path}`, caller, body);
    const id = String(created.id);
    await eventually(
      async () => (await this.call('GET', `/api/v1/referrals/${id}`, caller)) as { status: string },
      { until: (d) => d.status === 'delivered', what: `fixture referral ${id} delivered`, intervalMs: 50 },
    );
    return { id, nationalId: String(body.nationalId) };
  }

  private async build(kind: FixtureKind): Promise<Fixture> {
    const { consultant, staff, bolig, nav, rus } = CALLERS;
    switch (kind) {
      case 'consent':
        return this.consent(consultant, { purposes: ['release-housing', 'assessment'] });
      case 'release-consent':
        return this.consent(consultant, {});
      case 'discharge-consent':
        return this.consent(staff, { purposes: ['discharge-housing'] });
      case 'deduction-consent':
        return this.consent(bolig, {
          purposes: ['benefit-deduction'],
          receivingOrganisationNumbers: [DRAMMEN.nav],
        });
      case 'assessment-consent':
        return this.consent(bolig, {
          purposes: ['assessment'],
          receivingOrganisationNumbers: [DRAMMEN.housing],
        });
      case 'release-notice': {
        const c = await this.consent(consultant, {});
        return this.referral(
          'release-notices',
          consultant,
          aReleaseNotice({ nationalId: c.nationalId, consentId: c.id }),
        );
      }
      case 'release-notice-suspended': {
        const c = await this.consent(consultant, {});
        const r = await this.referral(
          'release-notices',
          consultant,
          aReleaseNotice({ nationalId: c.nationalId, consentId: c.id }),
        );
        await this.call('POST', `/api/v1/consents/${c.id}/withdrawals`, consultant, {});
        return r;
      }
      case 'discharge-notice': {
        const c = await this.consent(staff, { purposes: ['discharge-housing'] });
        return this.referral(
          'discharge-notices',
          staff,
          aDischargeNotice({ nationalId: c.nationalId, consentId: c.id }),
        );
      }
      case 'benefit-deduction':
      case 'benefit-deduction-confirmed': {
        const c = await this.consent(bolig, {
          purposes: ['benefit-deduction'],
          receivingOrganisationNumbers: [DRAMMEN.nav],
        });
        const r = await this.referral(
          'benefit-deductions',
          bolig,
          aBenefitDeduction({ nationalId: c.nationalId, consentId: c.id }),
        );
        if (kind === 'benefit-deduction-confirmed') {
          // From today: a deduction is activated only from its first deduction date.
          await this.call('POST', `/api/v1/referrals/${r.id}/deduction/confirm`, nav, {
            firstDeductionDate: today(),
          });
        }
        return r;
      }
      case 'assessment-request':
      case 'assessment-request-asked':
      case 'assessment-request-answered': {
        const c = await this.consent(bolig, {
          purposes: ['assessment'],
          receivingOrganisationNumbers: [DRAMMEN.housing],
        });
        const r = await this.referral(
          'assessment-requests',
          bolig,
          anAssessmentRequest({ nationalId: c.nationalId, consentId: c.id }),
        );
        if (kind === 'assessment-request-asked') {
          await this.call('POST', `/api/v1/referrals/${r.id}/information-requests`, rus, {
            question: 'Hvilke tjenester mottar søker i dag?',
          });
        }
        if (kind === 'assessment-request-answered') {
          await this.call('POST', `/api/v1/referrals/${r.id}/assessment`, rus, {
            assessment: 'Anbefaler bolig med oppfølging.',
            recommendation: 'grant',
          });
        }
        return r;
      }
    }
  }

  /** The fixture an endpoint aims at; a spent one is replaced when `replace` allows. */
  async get(
    owner: string,
    kind: FixtureKind,
    replace: boolean,
  ): Promise<{ fixture: Fixture; made: boolean }> {
    const now = this.current.get(`${owner}|${kind}`);
    if (now && (!now.spent || !replace)) return { fixture: now.fixture, made: false };
    const fixture = await this.build(kind);
    this.current.set(`${owner}|${kind}`, { fixture, spent: false });
    this.made += 1;
    return { fixture, made: true };
  }

  /** A request was accepted that the fixture's state cannot take twice (rejected, released, …). */
  spend(owner: string, kind: FixtureKind): void {
    const now = this.current.get(`${owner}|${kind}`);
    if (now) now.spent = true;
  }

  /** Makes every endpoint's fixture at once, before the first request. */
  async prepare(needs: Array<{ owner: string; kind: FixtureKind }>): Promise<void> {
    await Promise.all(needs.map((n) => this.get(n.owner, n.kind, true)));
  }

  /** The suite's own directory entries (see FUZZ_DIRECTORY), made by the hub's administrator. */
  async prepareDirectory(): Promise<void> {
    const d = FUZZ_DIRECTORY;
    const admin = CALLERS.hubAdmin;
    await this.call('POST', '/api/v1/directory/organisations', admin, {
      organisationNumber: d.organisationNumber,
      name: 'Fuzz kommune',
      type: 'municipality',
      municipalityNumber: d.municipalityNumber,
    });
    await this.call('POST', '/api/v1/directory/units', admin, {
      id: d.unitId,
      organisationNumber: d.organisationNumber,
      name: 'Boligtjenesten, Fuzz kommune',
      kind: 'housing-service',
      receives: [],
      mode: 'primary-backup',
    });
    await this.call('POST', '/api/v1/directory/contact-persons', admin, {
      id: d.contactPersonId,
      unitId: d.unitId,
      name: 'Fuzz Eksempel',
      email: `${d.contactPersonId}@demo.overgang.invalid`,
      phone: '+47 400 90 010',
      role: 'primary',
      referralTypes: [],
    });
    await this.call('PUT', `/api/v1/directory/nav-coverage/${d.municipalityNumber}`, admin, {
      navOrganisationNumber: DRAMMEN.nav,
    });
  }
}
