import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every read of personal data or staff contact data, and every refused attempt at one, with the
 * fields of NHN's usage log: who (user, organisation, roles), why (purpose), what (object), when
 * (the database's clock), how it ended (outcome) and the request's correlation id. Kept 5 years.
 */
@Entity({ name: 'access_log' })
@Index('access_at', ['at'])
@Index('access_user', ['userId', 'at'])
@Index('access_organisation', ['organisationNumber', 'at'])
// GIN indexes, made by the migration (TypeORM cannot declare them): by referral or consent, by person, by party.
@Index('access_subjects', { synchronize: false })
@Index('access_parties', { synchronize: false })
export class AccessLogOrmEntity {
  @PrimaryColumn('bigint', { generated: 'increment' })
  id!: string;

  /** When it was read: the database's clock in this service, the producer's for a read elsewhere. */
  @Column('timestamptz', { default: () => 'clock_timestamp()' })
  at!: Date;

  @Column('text', { name: 'user_id' })
  userId!: string;

  @Column('text', { name: 'organisation_number' })
  organisationNumber!: string;

  /** The roles the reader's token carried. */
  @Column('text', { array: true, default: () => "'{}'" })
  roles!: string[];

  /** case-handling, coordination, export or security-audit. */
  @Column('text')
  purpose!: string;

  /** The operation, e.g. read-details, read-consent, export-directory. */
  @Column('text')
  action!: string;

  /** referral, attachment, consent, inbox, routing-explanation, deadline(s), directory-…, access-log. */
  @Column('text', { name: 'object_type' })
  objectType!: string;

  @Column('text', { name: 'object_id' })
  objectId!: string;

  /** The referral the object belongs to, when it is one referral's. */
  @Column('uuid', { name: 'referral_id', nullable: true })
  referralId!: string | null;

  /** The consent read, when the object is a consent. */
  @Column('uuid', { name: 'consent_id', nullable: true })
  consentId!: string | null;

  /** Every referral and consent whose data the read showed: how a person's reads are found. */
  @Column('uuid', { name: 'subject_ids', array: true, default: () => "'{}'" })
  subjectIds!: string[];

  /** Organisations the object belongs to: their security officers see the entry. */
  @Column('text', { name: 'party_organisations', array: true, default: () => "'{}'" })
  partyOrganisations!: string[];

  /** granted, refused-not-found or refused-forbidden. */
  @Column('text')
  outcome!: string;

  @Column('text', { name: 'correlation_id', nullable: true })
  correlationId!: string | null;

  /** The service the read happened in. */
  @Column('text')
  source!: string;
}
