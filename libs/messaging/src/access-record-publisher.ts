import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ACCESS_RECORDED_V1,
  AccessObjectType,
  AccessOutcome,
  AccessPurpose,
  accessPurposeFor,
  AccessRecordedV1,
  MAX_ACCESS_SUBJECTS,
} from '@overgang/contracts';
import { inTransaction } from '@overgang/persistence';
import { OutboxWriter } from './outbox';

/** A read of personal data or staff contact data in a service that does not keep the access log. */
export interface AccessRecord {
  reader: { userId: string; organisationNumber: string; roles: readonly string[] };
  /** Why; by default from the reader's roles. */
  purpose?: AccessPurpose;
  action: string;
  objectType: AccessObjectType;
  objectId: string;
  /** The referral the object belongs to, when it is one referral's. */
  referralId?: string | null;
  /** Every referral the read showed (a list). */
  referralIds?: readonly string[];
  /** Organisations the object belongs to (unknown ones as null): their security officers see the entry. */
  parties: ReadonlyArray<string | null>;
  outcome?: AccessOutcome;
  correlationId: string;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  if (items.length === 0) return [[]];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Publishes audit.access-recorded.v1 for the referral service's access log, through this service's
 * outbox. A read holds no transaction, so the record is written in a short one of its own after
 * the read (never inside another: that would take a second pooled connection). Ids only.
 */
@Injectable()
export class AccessRecordPublisher {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  publish(record: AccessRecord): Promise<void> {
    const known = (ids: ReadonlyArray<string | null | undefined>) =>
      [...new Set(ids.filter((id): id is string => !!id))].sort();
    const subjects = known([record.referralId, ...(record.referralIds ?? [])]);
    const parties = known(record.parties);
    return inTransaction(this.ds, async (manager) => {
      const [{ now }] = await manager.query<Array<{ now: Date }>>(`SELECT clock_timestamp() AS now`);
      // A long list (every clock of the hub) goes as several records, each within the contract's bound.
      for (const referralIds of chunks(subjects, MAX_ACCESS_SUBJECTS)) {
        await this.outbox.write<AccessRecordedV1>(manager, {
          topic: ACCESS_RECORDED_V1,
          key: record.objectId,
          correlationId: record.correlationId,
          occurredAt: now,
          payload: {
            userId: record.reader.userId,
            organisationNumber: record.reader.organisationNumber,
            roles: [...record.reader.roles],
            purpose: record.purpose ?? accessPurposeFor(record.reader.roles),
            action: record.action,
            objectType: record.objectType,
            objectId: record.objectId,
            referralId: record.referralId ?? null,
            referralIds,
            partyOrganisationNumbers: parties.slice(0, MAX_ACCESS_SUBJECTS),
            outcome: record.outcome ?? 'granted',
            readAt: now.toISOString(),
          },
        });
      }
    });
  }
}
