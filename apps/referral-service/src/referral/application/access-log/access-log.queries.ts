import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mayRead } from '../../domain/access';
import { referralNotFound } from '../../domain/referral.errors';
import { AccessLogRepository } from '../../infrastructure/access-log.repository';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { ReadAccessLogQuery } from './read-access-log.query';

/** Who read a referral's personal data: for coordinators of the sender or a recipient. */
@Injectable()
export class AccessLogQueries {
  constructor(
    private readonly ds: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly log: AccessLogRepository,
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
