import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@overgang/auth';
import { DomainError } from '@overgang/core';
import { inTransaction } from '@overgang/persistence';
import { mayRead } from '../../domain/access';
import { referralNotFound } from '../../domain/referral.errors';
import type { AccessLogOrmEntity } from '../../infrastructure/access-log.orm-entity';
import { AccessLogFilter, AccessLogRepository } from '../../infrastructure/access-log.repository';
import { PersonRecordsRepository } from '../../infrastructure/person-records.repository';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { AccessLog } from './access-log';
import { accessLogScope, AccessLogScope } from './access-log-scope';
import { HubMembership } from './hub-membership';
import { AccessLogPageQuery, PersonAccessLogQuery, SearchAccessLogQuery } from './read-access-log.query';

const notAllowed = () =>
  new DomainError(
    'ACCESS_LOG.NOT_ALLOWED',
    'Bare sikkerhetsansvarlige, hubens administratorer og (for én henvisning) koordinatorer kan lese tilgangsloggen.',
    'forbidden',
  );

const referralRequired = () =>
  new DomainError(
    'ACCESS_LOG.REFERRAL_REQUIRED',
    'Som koordinator kan du lese tilgangsloggen for én henvisning om gangen: oppgi referralId.',
    'forbidden',
    { field: 'referralId' },
  );

const personSearchNotAllowed = () =>
  new DomainError(
    'ACCESS_LOG.NOT_ALLOWED',
    'Bare sikkerhetsansvarlige og hubens administratorer kan søke i tilgangsloggen etter person.',
    'forbidden',
  );

const view = (e: AccessLogOrmEntity) => ({
  at: e.at.toISOString(),
  userId: e.userId,
  organisationNumber: e.organisationNumber,
  roles: e.roles,
  purpose: e.purpose,
  action: e.action,
  objectType: e.objectType,
  objectId: e.objectId,
  referralId: e.referralId,
  consentId: e.consentId,
  outcome: e.outcome,
  correlationId: e.correlationId,
  source: e.source,
});

/**
 * Who read what, and who was refused: by referral, by person, by user and by time window. Every
 * search is itself logged (purpose security-audit), in the transaction that reads the log.
 */
@Injectable()
export class AccessLogQueries {
  constructor(
    private readonly ds: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly persons: PersonRecordsRepository,
    private readonly log: AccessLogRepository,
    private readonly accessLog: AccessLog,
    private readonly hub: HubMembership,
  ) {}

  async search(q: SearchAccessLogQuery) {
    const scope = await this.scopeOf(q.by);
    if (scope.kind === 'none') throw notAllowed();
    if (scope.kind === 'one-referral' && !q.referralId) throw referralRequired();
    return inTransaction(this.ds, async (manager) => {
      if (scope.kind === 'one-referral') await this.mayAudit(manager, q.by, q.referralId!);
      const page = await this.page(manager, scope, q, {
        subjectId: q.referralId,
        userId: q.userId,
        from: q.from,
        to: q.to,
      });
      await this.accessLog.record(manager, {
        reader: q.by,
        purpose: 'security-audit',
        action: 'search-access-log',
        objectType: 'access-log',
        objectId: q.referralId ?? q.userId ?? 'all',
        referralId: q.referralId ?? null,
        parties: q.referralId
          ? await this.log.partiesOf(manager, { referralId: q.referralId, consentId: null })
          : [],
        correlationId: q.correlationId,
      });
      return page;
    });
  }

  async forPerson(q: PersonAccessLogQuery) {
    const scope = await this.scopeOf(q.by);
    if (scope.kind !== 'all' && scope.kind !== 'organisation') throw personSearchNotAllowed();
    return inTransaction(this.ds, async (manager) => {
      const records = await this.persons.recordsOf(manager, q.nationalId);
      const subjects = [...records.referralIds, ...records.consentIds];
      const page =
        subjects.length === 0
          ? { items: [], page: q.page, pageSize: q.pageSize, hasMore: false }
          : await this.page(manager, scope, q, { anySubjectOf: subjects, from: q.from, to: q.to });
      await this.accessLog.record(manager, {
        reader: q.by,
        purpose: 'security-audit',
        action: 'search-access-log-by-person',
        objectType: 'access-log',
        objectId: 'person',
        subjectIds: subjects,
        parties: [],
        correlationId: q.correlationId,
      });
      return page;
    });
  }

  private async scopeOf(p: Principal): Promise<AccessLogScope> {
    return accessLogScope(p, await this.hub.includes(p.organisationNumber));
  }

  /** A coordinator audits a referral their organisation may read; to anyone else it does not exist. */
  private async mayAudit(manager: EntityManager, p: Principal, referralId: string): Promise<void> {
    const loaded = await this.referrals.load(manager, referralId);
    if (!loaded || !mayRead(p, { ...loaded.referral, recipients: loaded.recipients })) {
      throw referralNotFound();
    }
  }

  private async page(
    manager: EntityManager,
    scope: AccessLogScope,
    page: AccessLogPageQuery,
    filter: AccessLogFilter,
  ) {
    const { rows, hasMore } = await this.log.search(
      manager,
      { ...filter, organisation: scope.kind === 'organisation' ? scope.organisationNumber : undefined },
      page,
    );
    return { items: rows.map(view), page: page.page, pageSize: page.pageSize, hasMore };
  }
}
