import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessLogOrmEntity } from './access-log.orm-entity';

export type AccessLogRow = Omit<AccessLogOrmEntity, 'id' | 'at'> & {
  /** Omitted: the database's clock at the insert. */
  at?: Date;
};

/** Which entries a search returns; every condition given must hold. */
export interface AccessLogFilter {
  /** Entries about this referral or consent (its details, attachments, lists that showed it). */
  subjectId?: string;
  /** Entries about any of these referrals or consents (a person's). */
  anySubjectOf?: readonly string[];
  userId?: string;
  from?: Date;
  to?: Date;
  /** Only entries by this organisation's users or about objects it sent or received. */
  organisation?: string;
}

export interface AccessLogPage {
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** The access log's table: written with the read it logs, searched by security officers. */
@Injectable()
export class AccessLogRepository {
  async insert(manager: EntityManager, row: AccessLogRow): Promise<void> {
    await manager.insert(AccessLogOrmEntity, row);
  }

  async insertAll(manager: EntityManager, rows: AccessLogRow[]): Promise<void> {
    await manager.insert(AccessLogOrmEntity, rows);
  }

  /** The organisations of a referral (sender and recipients) or a consent (every one it names). */
  async partiesOf(
    manager: EntityManager,
    of: { referralId: string | null; consentId: string | null },
  ): Promise<string[]> {
    const rows = await manager.query<Array<{ org: string }>>(
      `SELECT sender_organisation AS org FROM referral WHERE id = $1
       UNION SELECT organisation_number FROM referral_recipient WHERE referral_id = $1
       UNION SELECT unnest(registered_by_organisation || receiving_organisations || sharing_organisations)
         FROM consent WHERE id = $2`,
      [of.referralId, of.consentId],
    );
    return rows.map((r) => r.org).sort();
  }

  /** Newest first; one more row than the page asks for tells whether there is a next page. */
  async search(
    manager: EntityManager,
    filter: AccessLogFilter,
    page: AccessLogPage,
  ): Promise<{ rows: AccessLogOrmEntity[]; hasMore: boolean }> {
    const q = manager.createQueryBuilder(AccessLogOrmEntity, 'a');
    if (filter.subjectId)
      q.andWhere('a.subject_ids @> ARRAY[:subject]::uuid[]', { subject: filter.subjectId });
    if (filter.anySubjectOf) {
      q.andWhere('a.subject_ids && :subjects::uuid[]', { subjects: [...filter.anySubjectOf] });
    }
    if (filter.userId) q.andWhere('a.user_id = :userId', { userId: filter.userId });
    if (filter.from) q.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) q.andWhere('a.at < :to', { to: filter.to });
    if (filter.organisation) {
      q.andWhere('(a.organisation_number = :org OR a.party_organisations @> ARRAY[:org]::text[])', {
        org: filter.organisation,
      });
    }
    const rows = await q
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .offset((page.page - 1) * page.pageSize)
      .limit(page.pageSize + 1)
      .getMany();
    return { rows: rows.slice(0, page.pageSize), hasMore: rows.length > page.pageSize };
  }
}
