import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { sealedText } from '@overgang/crypto';

@Entity({ name: 'consent' })
@Index('consent_person_key', ['personKey'])
export class ConsentOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Fødselsnummer or D-number. Personal data, sealed: never logged, never published; null once erased. */
  @Column('text', {
    name: 'person_national_id',
    nullable: true,
    transformer: sealedText('consent.person_national_id'),
  })
  personNationalId!: string | null;

  /** Keyed hash (HMAC) of the national ID, for lookups by person; null once erased. */
  @Column('text', { name: 'person_key', nullable: true })
  personKey!: string | null;

  @Column('text', { array: true })
  purposes!: string[];

  @Column('text', { name: 'receiving_organisations', array: true })
  receivingOrganisations!: string[];

  /** Organisations that may share information under it (the sender side). */
  @Column('text', { name: 'sharing_organisations', array: true, default: () => "'{}'" })
  sharingOrganisations!: string[];

  /** Organisations the person has since withdrawn the consent for. */
  @Column('text', { name: 'withdrawn_organisations', array: true, default: () => "'{}'" })
  withdrawnOrganisations!: string[];

  /** Purposes the person has since withdrawn the consent for. */
  @Column('text', { name: 'withdrawn_purposes', array: true, default: () => "'{}'" })
  withdrawnPurposes!: string[];

  @Column('date', { name: 'valid_from' })
  validFrom!: string;

  @Column('date', { name: 'valid_to' })
  validTo!: string;

  @Column('text', { name: 'given_by' })
  givenBy!: string;

  @Column('text', { name: 'evidence_reference' })
  evidenceReference!: string;

  @Column('text', { name: 'registered_by_user' })
  registeredByUser!: string;

  @Column('text', { name: 'registered_by_organisation' })
  registeredByOrganisation!: string;

  @Column('text')
  status!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When the retention policy erased the national ID (no referral relies on the consent any longer). */
  @Column('timestamptz', { name: 'erased_at', nullable: true })
  erasedAt!: Date | null;
}

/** The consent ledger: every withdrawal and expiry, in order. */
@Entity({ name: 'consent_change' })
@Index('consent_change_consent', ['consentId', 'at'])
export class ConsentChangeOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'consent_id' })
  consentId!: string;

  /** withdrawn or expired */
  @Column('text')
  kind!: string;

  /** whole or partial */
  @Column('text')
  scope!: string;

  @Column('text', { array: true })
  organisations!: string[];

  @Column('text', { array: true })
  purposes!: string[];

  @Column('timestamptz')
  at!: Date;

  @Column('text', { name: 'by_user' })
  byUser!: string;

  @Column('text', { name: 'by_organisation', nullable: true })
  byOrganisation!: string | null;
}
