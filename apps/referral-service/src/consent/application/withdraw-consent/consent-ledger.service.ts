import { randomUUID } from 'crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { safeError } from '@overgang/observability';
import { DataSource, EntityManager } from 'typeorm';
import {
  CONSENT_EXPIRED_V1,
  CONSENT_WITHDRAWN_V1,
  ConsentExpiredV1,
  ConsentPurpose,
  ConsentWithdrawnV1,
} from '@overgang/contracts';
import { Principal } from '@overgang/auth';
import { SERVICE_ENV } from '@overgang/config';
import { Clock, CLOCK, DomainError, NotFoundError, osloDate } from '@overgang/core';
import { OutboxWriter } from '@overgang/messaging';
import { inTransaction } from '@overgang/persistence';
import { maskNationalId } from '@overgang/norway';
import { ReferralServiceEnv } from '../../../config/env.schema';
import { AccessLog } from '../../../referral/application/access-log/access-log';
import { SuspendReferralsHandler } from '../../../referral/application/suspend-referrals/suspend-referrals.handler';
import { mayRead } from '../../../referral/domain/access';
import { effectiveConsent } from '../../domain/consent';
import type { ConsentOrmEntity } from '../../infrastructure/consent.orm-entity';
import { ConsentRepository } from '../../infrastructure/consent.repository';
import { WithdrawConsentCommand } from './withdraw-consent.command';

const notFound = () =>
  new NotFoundError('CONSENT.NOT_FOUND', 'No consent with that id exists, or you may not see it.');

const ERASED_CONSENT =
  'Fødselsnummeret i samtykket er slettet etter oppbevaringstiden: ingen henvisning bygger lenger på det.';

/** The consent ledger: registration elsewhere; here withdrawal, expiry, and reading the ledger. */
@Injectable()
export class ConsentLedgerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConsentLedgerService.name);
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly consents: ConsentRepository,
    private readonly suspend: SuspendReferralsHandler,
    private readonly accessLog: AccessLog,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_ENV) private readonly env: ReferralServiceEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.expire()
        .catch((err: unknown) =>
          this.logger.warn({ msg: 'consent expiry sweep failed, retried next tick', err: safeError(err) }),
        )
        .finally(() => (this.sweeping = null));
    }, this.env.CONSENT_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }

  /**
   * A consent shows who the person is and what the handover is about, so it is read like the
   * referrals made under it: by the user who registered it, by the coordinators of an organisation
   * it names, and by whoever may read one of its referrals. Anyone else in those organisations
   * (another unit, a security officer: they have the access log) gets the same 404 as a guess.
   */
  private async mayManage(manager: EntityManager, p: Principal, c: ConsentOrmEntity): Promise<boolean> {
    const named = [c.registeredByOrganisation, ...c.receivingOrganisations, ...c.sharingOrganisations];
    if (!named.includes(p.organisationNumber)) return false;
    if (c.registeredByUser === p.userId && c.registeredByOrganisation === p.organisationNumber) return true;
    if (p.roles.includes('coordinator')) return true;
    const referrals = await this.consents.partiesOfReferrals(manager, c.id);
    return referrals.some((r) => mayRead(p, r));
  }

  /** The consent and its ledger; the read is logged before it is answered. */
  async read(p: Principal, id: string, correlationId: string) {
    const c = await this.consents.find(this.ds.manager, id);
    if (!c || !(await this.mayManage(this.ds.manager, p, c))) throw notFound();
    const changes = await this.consents.changes(this.ds.manager, id);
    await this.accessLog.record(this.ds.manager, {
      reader: p,
      action: 'read-consent',
      objectType: 'consent',
      objectId: c.id,
      consentId: c.id,
      parties: [c.registeredByOrganisation, ...c.receivingOrganisations, ...c.sharingOrganisations],
      correlationId,
    });
    const e = effectiveConsent(c);
    return {
      id: c.id,
      person: c.personNationalId === null ? null : maskNationalId(c.personNationalId),
      personalDataErased: c.erasedAt ? { erasedAt: c.erasedAt.toISOString(), reason: ERASED_CONSENT } : null,
      status: e.status,
      purposes: e.purposes,
      receivingOrganisationNumbers: e.receivingOrganisations,
      sharingOrganisationNumbers: c.sharingOrganisations,
      validFrom: c.validFrom,
      validTo: c.validTo,
      givenBy: c.givenBy,
      evidenceReference: c.evidenceReference,
      registeredBy: {
        userId: c.registeredByUser,
        organisationNumber: c.registeredByOrganisation,
        at: c.createdAt.toISOString(),
      },
      ledger: changes.map((ch) => ({
        kind: ch.kind,
        scope: ch.scope,
        organisationNumbers: ch.organisations,
        purposes: ch.purposes,
        at: ch.at.toISOString(),
        by: ch.byUser,
      })),
    };
  }

  /** Withdrawal, whole or for some organisations or purposes, registered by a party to the consent. */
  async withdraw(cmd: WithdrawConsentCommand) {
    const { consentId: id, organisationNumbers, purposes, by: p, correlationId } = cmd;
    const now = this.clock.now();
    return inTransaction(this.ds, async (manager) => {
      const c = await this.consents.lock(manager, id);
      if (!c || !(await this.mayManage(manager, p, c))) throw notFound();
      if (c.status !== 'active') {
        throw new DomainError('CONSENT.NOT_ACTIVE', `The consent is already ${c.status}.`, 'conflict', {
          currentStatus: c.status,
        });
      }
      // A receiving organisation may record that the person withdrew from it; only the side that
      // holds the consent (registered it, or shares under it) may withdraw it for others or wholly.
      const holder =
        c.registeredByOrganisation === p.organisationNumber ||
        c.sharingOrganisations.includes(p.organisationNumber);
      const ownOnly =
        purposes.length === 0 &&
        organisationNumbers.length === 1 &&
        organisationNumbers[0] === p.organisationNumber;
      if (!holder && !ownOnly) {
        throw new DomainError(
          'CONSENT.ONLY_OWN_ORGANISATION',
          'A receiving organisation can only register a withdrawal for itself: send organisationNumbers with your own organisation number.',
          'forbidden',
          { field: 'organisationNumbers' },
        );
      }
      const strayOrgs = organisationNumbers.filter((o) => !c.receivingOrganisations.includes(o));
      const strayPurposes = purposes.filter((x) => !c.purposes.includes(x));
      if (strayOrgs.length || strayPurposes.length) {
        throw new DomainError(
          'CONSENT.NOT_COVERED',
          `The consent never covered ${[...strayOrgs, ...strayPurposes].join(', ')}.`,
          'unprocessable',
          { field: strayOrgs.length ? 'organisationNumbers' : 'purposes' },
        );
      }
      const whole =
        (organisationNumbers.length === 0 && purposes.length === 0) ||
        c.receivingOrganisations.every((o) =>
          [...c.withdrawnOrganisations, ...organisationNumbers].includes(o),
        ) ||
        c.purposes.every((x) => [...c.withdrawnPurposes, ...purposes].includes(x));
      await this.consents.update(manager, id, {
        status: whole ? 'withdrawn' : 'active',
        withdrawnOrganisations: [...new Set([...c.withdrawnOrganisations, ...organisationNumbers])],
        withdrawnPurposes: [...new Set([...c.withdrawnPurposes, ...purposes])],
      });
      await this.consents.addChange(manager, {
        id: randomUUID(),
        consentId: id,
        kind: 'withdrawn',
        scope: whole ? 'whole' : 'partial',
        organisations: organisationNumbers,
        purposes,
        at: now,
        byUser: p.userId,
        byOrganisation: p.organisationNumber,
      });
      await this.outbox.write<ConsentWithdrawnV1>(manager, {
        topic: CONSENT_WITHDRAWN_V1,
        key: id,
        correlationId,
        occurredAt: now,
        payload: {
          consentId: id,
          scope: whole ? 'whole' : 'partial',
          organisationNumbers: whole ? [] : organisationNumbers,
          purposes: (whole ? [] : purposes) as ConsentPurpose[],
          withdrawnAt: now.toISOString(),
        },
      });
      const suspended = await this.suspend.forConsent(
        manager,
        id,
        whole ? { organisationNumbers: [], purposes: [] } : { organisationNumbers, purposes },
        'CONSENT_WITHDRAWN',
        p,
        now,
        correlationId,
      );
      return { consentId: id, status: whole ? 'withdrawn' : 'active', suspendedReferralIds: suspended };
    });
  }

  /** Marks consents whose last valid day has passed as expired and suspends what relied on them. */
  async expire(now = this.clock.now()): Promise<number> {
    const today = osloDate(now);
    return inTransaction(this.ds, async (manager) => {
      const due = await this.consents.lockDueForExpiry(manager, today, 200);
      for (const c of due) {
        await this.consents.update(manager, c.id, { status: 'expired' });
        await this.consents.addChange(manager, {
          id: randomUUID(),
          consentId: c.id,
          kind: 'expired',
          scope: 'whole',
          organisations: [],
          purposes: [],
          at: now,
          byUser: 'referral-service',
          byOrganisation: null,
        });
        const correlationId = `consent-expiry-${c.id}`;
        await this.outbox.write<ConsentExpiredV1>(manager, {
          topic: CONSENT_EXPIRED_V1,
          key: c.id,
          correlationId,
          occurredAt: now,
          payload: { consentId: c.id, validTo: c.validTo, expiredAt: now.toISOString() },
        });
        await this.suspend.forConsent(
          manager,
          c.id,
          { organisationNumbers: [], purposes: [] },
          'CONSENT_EXPIRED',
          { userId: 'referral-service', organisationNumber: c.registeredByOrganisation },
          now,
          correlationId,
        );
      }
      return due.length;
    });
  }
}
