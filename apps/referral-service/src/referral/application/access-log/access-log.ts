import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessObjectType, AccessOutcome, AccessPurpose, accessPurposeFor } from '@overgang/contracts';
import { safeError } from '@overgang/observability';
import { AccessLogRepository, AccessLogRow } from '../../infrastructure/access-log.repository';

/** Who read: the fields of the verified token. */
export interface AccessReader {
  userId: string;
  organisationNumber: string;
  roles: readonly string[];
}

/** One read of personal data or staff contact data, or a refused attempt at one. */
export interface AccessEntry {
  reader: AccessReader;
  /** Why; by default from the reader's roles (case-handling for a caseworker, else coordination). */
  purpose?: AccessPurpose;
  /** The operation, e.g. read-details, read-history, read-attachment, read-consent, list-inbox. */
  action: string;
  objectType: AccessObjectType;
  objectId: string;
  /** The referral the object belongs to, when it is one referral's. */
  referralId?: string | null;
  /** The consent, when the object is a consent. */
  consentId?: string | null;
  /** Further referrals the read showed (a list). */
  subjectIds?: readonly string[];
  /** Organisations the object belongs to: their security officers see the entry. */
  parties: readonly string[];
  outcome?: AccessOutcome;
  /** The request's correlation id: ties the read to the gateway's request log. */
  correlationId: string;
  /** When it was read, if not now by the database's clock (a read in another service). */
  at?: Date;
  /** The service the read happened in; this one by default. */
  source?: string;
}

/** What a refused by-id attempt names: the object, and the referral or consent it would be. */
export interface RefusedAttempt {
  reader: AccessReader;
  action: string;
  objectType: AccessObjectType;
  objectId: string;
  referralId: string | null;
  consentId: string | null;
  outcome: Exclude<AccessOutcome, 'granted'>;
  correlationId: string;
}

const SERVICE = 'referral-service';

/** The organisations of a referral: its sender and every recipient. */
export function partiesOf(referral: {
  senderOrganisation: string;
  recipients: ReadonlyArray<{ organisationNumber: string }>;
}): string[] {
  return [referral.senderOrganisation, ...referral.recipients.map((r) => r.organisationNumber)];
}

/**
 * The one way an access is logged. A read is written on the read's own manager, so the log and the
 * read commit together: no read without its entry, no entry without the read. A refusal is
 * written after the request's transaction has ended (it rolled back), in a statement of its own.
 */
@Injectable()
export class AccessLog {
  private readonly logger = new Logger(AccessLog.name);

  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogRepository,
  ) {}

  record(manager: EntityManager, entry: AccessEntry): Promise<void> {
    return this.log.insert(manager, rowOf(entry));
  }

  /** Several reads of one request (the rows of a list) in one statement. */
  async recordAll(manager: EntityManager, entries: readonly AccessEntry[]): Promise<void> {
    if (entries.length > 0) await this.log.insertAll(manager, entries.map(rowOf));
  }

  /**
   * A refused by-id attempt, with the organisations of the object if it exists (so its owners'
   * security officers see the guess). Never call it inside an open transaction: it takes a pooled
   * connection of its own. A failure to write is logged, never put in place of the refusal.
   */
  async refused(attempt: RefusedAttempt): Promise<void> {
    try {
      const parties = await this.log.partiesOf(this.ds.manager, attempt);
      await this.record(this.ds.manager, { ...attempt, parties });
    } catch (err) {
      this.logger.error({
        msg: `could not log a refused ${attempt.action} (${attempt.outcome})`,
        correlationId: attempt.correlationId,
        err: safeError(err),
      });
    }
  }
}

function rowOf(entry: AccessEntry): AccessLogRow {
  const subjects = [entry.referralId, entry.consentId, ...(entry.subjectIds ?? [])].filter(
    (id): id is string => !!id,
  );
  return {
    at: entry.at,
    userId: entry.reader.userId,
    organisationNumber: entry.reader.organisationNumber,
    roles: [...entry.reader.roles],
    purpose: entry.purpose ?? accessPurposeFor(entry.reader.roles),
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    referralId: entry.referralId ?? null,
    consentId: entry.consentId ?? null,
    subjectIds: [...new Set(subjects)],
    partyOrganisations: [...new Set(entry.parties)].sort(),
    outcome: entry.outcome ?? 'granted',
    correlationId: entry.correlationId,
    source: entry.source ?? SERVICE,
  };
}
