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

  async forReferral(q: ReadAccessLogQuery) {
    const loaded = await this.referrals.load(this.ds.manager, q.referralId);
    const parties = loaded && {
      senderOrganisation: loaded.referral.senderOrganisation,
      recipients: loaded.recipients,
    };
    if (!loaded || !parties || !mayRead(q.by, parties)) throw referralNotFound();
    const entries = await this.log.forReferral(this.ds.manager, q.referralId);
    return {
      items: entries.map((e) => ({
        at: e.at.toISOString(),
        userId: e.userId,
        organisationNumber: e.organisationNumber,
        action: e.action,
        correlationId: e.correlationId,
      })),
    };
  }
}
