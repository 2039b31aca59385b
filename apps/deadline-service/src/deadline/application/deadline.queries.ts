import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@overgang/auth';
import { ClockOrmEntity } from '../infrastructure/clock.orm-entity';

/** "Who has this, and when is it due?" for a recipient organisation's coordinators. */
@Injectable()
export class DeadlineQueries {
  constructor(private readonly ds: DataSource) {}

  async list(p: Principal, status?: string, referralId?: string) {
    const qb = this.ds
      .getRepository(ClockOrmEntity)
      .createQueryBuilder('c')
      .orderBy('c.due_at', 'ASC')
      .limit(1000);
    if (!p.roles.includes('hub-admin'))
      qb.where('c.recipient_organisation_number = :org', { org: p.organisationNumber });
    if (status) qb.andWhere('c.status = :status', { status });
    if (referralId) qb.andWhere('c.referral_id = :referralId', { referralId });
    const clocks = await qb.getMany();
    return {
      items: clocks.map((c) => ({
        id: c.id,
        referralId: c.referralId,
        referralType: c.referralType,
        kind: c.kind,
        policy: c.policy,
        recipientOrganisationNumber: c.recipientOrganisationNumber,
        recipientUnitId: c.recipientUnitId,
        holderContactPersonId: c.holderContactPersonId,
        status: c.status,
        startedAt: c.startedAt.toISOString(),
        dueAt: c.dueAt.toISOString(),
        metAt: c.metAt?.toISOString() ?? null,
        breachedAt: c.breachedAt?.toISOString() ?? null,
        pausedAt: c.pausedAt?.toISOString() ?? null,
        stopReason: c.pausedReason,
      })),
    };
  }
}
