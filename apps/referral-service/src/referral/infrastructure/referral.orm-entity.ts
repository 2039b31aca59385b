import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { JsonObject } from '@overgang/core';
import { sealedBytes, sealedJson, sealedText } from '@overgang/crypto';
import { ReferralDetails } from '../domain/referral-details';

@Entity({ name: 'referral' })
@Index('referral_sender', ['senderOrganisation', 'createdAt'])
@Index('referral_consent', ['consentId'])
@Index('referral_person_key_type', ['personKey', 'type'])
export class ReferralOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  type!: string;

  @Column('text')
  status!: string;

  /** Personal data, sealed (AES-256-GCM): shown only to authorised readers, every read logged; null once erased. */
  @Column('text', {
    name: 'person_national_id',
    nullable: true,
    transformer: sealedText('referral.person_national_id'),
  })
  personNationalId!: string | null;

  /** Keyed hash (HMAC) of the national ID, for duplicates and lookups by person; null once erased. */
  @Column('text', { name: 'person_key', nullable: true })
  personKey!: string | null;

  /** Personal data, sealed; null once erased. */
  @Column('text', { name: 'person_name', nullable: true, transformer: sealedText('referral.person_name') })
  personName!: string | null;

  @Column('text', { name: 'sender_organisation' })
  senderOrganisation!: string;

  @Column('text', { name: 'sender_unit', nullable: true })
  senderUnit!: string | null;

  @Column('text', { name: 'sender_user' })
  senderUser!: string;

  @Column('text', { name: 'municipality_number' })
  municipalityNumber!: string;

  @Column('uuid', { name: 'consent_id' })
  consentId!: string;

  /** The consent purpose the referral relies on. */
  @Column('text')
  purpose!: string;

  /** Organisations that receive it, fixed at submission (what the consent had to cover). */
  @Column('text', { name: 'recipient_organisations', array: true })
  recipientOrganisations!: string[];

  @Column('date', { name: 'anchor_date', nullable: true })
  anchorDate!: string | null;

  /**
   * Type-specific fields (release date, housing situation, follow-up needs, ...). Personal data,
   * sealed as one JSON value; an erased referral's details read as empty.
   */
  @Column('text', {
    nullable: true,
    transformer: sealedJson<ReferralDetails>('referral.details', () => ({})),
  })
  details!: ReferralDetails;

  /** When the retention policy erased the personal data (ids, dates and codes stay, for statistics). */
  @Column('timestamptz', { name: 'erased_at', nullable: true })
  erasedAt!: Date | null;

  @Column('text', { name: 'routing_problem_code', nullable: true })
  routingProblemCode!: string | null;

  @Column('text', { name: 'routing_problem', nullable: true })
  routingProblem!: string | null;

  /** Order of the last routing outcome applied (routed or unroutable), so an older one is ignored. */
  @Column('bigint', { name: 'routing_sequence', nullable: true })
  routingSequence!: string | null;

  @Column('timestamptz', { name: 'routing_at', nullable: true })
  routingAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

/** One receiving party of a referral and who holds it there (projected from routing events). */
@Entity({ name: 'referral_recipient' })
@Index('recipient_contact', ['contactPersonId'])
@Index('recipient_unit', ['unitId'])
export class ReferralRecipientOrmEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  @PrimaryColumn('text', { name: 'unit_id' })
  unitId!: string;

  @Column('text', { name: 'organisation_number' })
  organisationNumber!: string;

  @Column('text', { name: 'unit_kind' })
  unitKind!: string;

  @Column('text', { name: 'contact_person_id', nullable: true })
  contactPersonId!: string | null;

  /** A second holder, given it when the first stayed silent past the acknowledgement deadline. */
  @Column('text', { name: 'co_holder_contact_person_id', nullable: true })
  coHolderContactPersonId!: string | null;

  @Column('text')
  assignment!: string;

  @Column('text', { name: 'reason_code' })
  reasonCode!: string;

  @Column('text')
  reason!: string;

  @Column('timestamptz', { name: 'routed_at' })
  routedAt!: Date;

  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt!: Date | null;

  @Column('text', { name: 'acknowledged_by', nullable: true })
  acknowledgedBy!: string | null;

  /** Order of the routing event that last set the holder (routed, or a move), so an older one is ignored. */
  @Column('bigint', { name: 'holder_sequence', nullable: true })
  holderSequence!: string | null;

  @Column('timestamptz', { name: 'holder_at', nullable: true })
  holderAt!: Date | null;

  /** Order of the routing event that last set the second holder. */
  @Column('bigint', { name: 'co_holder_sequence', nullable: true })
  coHolderSequence!: string | null;

  @Column('timestamptz', { name: 'co_holder_at', nullable: true })
  coHolderAt!: Date | null;
}

/**
 * A change of holder that arrived before the routing it changes (the two are on different topics):
 * applied, in order, when the routing arrives.
 */
@Entity({ name: 'pending_reassignment' })
@Index('pending_reassignment_referral', ['referralId'])
export class PendingReassignmentOrmEntity {
  /** The reassignment's envelope id. */
  @PrimaryColumn('uuid', { name: 'message_id' })
  messageId!: string;

  @Column('uuid', { name: 'referral_id' })
  referralId!: string;

  /** The routing.referral-reassigned.v1 payload (ids and codes only). */
  @Column('jsonb')
  reassignment!: object;

  @Column('bigint', { nullable: true })
  sequence!: string | null;

  @Column('timestamptz', { name: 'reassigned_at' })
  reassignedAt!: Date;
}

/** A deadline clock as the deadline service last reported it (projected from deadline events). */
@Entity({ name: 'referral_clock' })
@Index('clock_referral', ['referralId'])
export class ReferralClockOrmEntity {
  @PrimaryColumn('uuid', { name: 'clock_id' })
  clockId!: string;

  @Column('uuid', { name: 'referral_id' })
  referralId!: string;

  @Column('text', { name: 'unit_id' })
  unitId!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  status!: string;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('timestamptz', { name: 'status_at' })
  statusAt!: Date;

  /** The deadline service's sequence of the event last applied, so an older one is ignored. */
  @Column('bigint', { name: 'event_sequence', nullable: true })
  eventSequence!: string | null;
}

@Entity({ name: 'referral_history' })
@Index('history_referral', ['referralId', 'id'])
export class ReferralHistoryOrmEntity {
  @PrimaryColumn('bigint', { generated: 'increment' })
  id!: string;

  @Column('uuid', { name: 'referral_id' })
  referralId!: string;

  @Column('timestamptz')
  at!: Date;

  /** User id, or the service name for automatic steps. */
  @Column('text')
  actor!: string;

  @Column('text', { name: 'actor_organisation', nullable: true })
  actorOrganisation!: string | null;

  @Column('text')
  action!: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus!: string | null;

  @Column('text', { name: 'to_status', nullable: true })
  toStatus!: string | null;

  /** Non-personal facts about the step (unit ids, reason codes), in clear for statistics. */
  @Column('jsonb')
  facts!: JsonObject;

  /** The step's free text (a question, a reason, an assessment), sealed; null when none or erased. */
  @Column('text', {
    name: 'personal_facts',
    nullable: true,
    transformer: sealedJson<JsonObject>('referral_history.personal_facts'),
  })
  personalFacts!: JsonObject | null;
}

/** The routing service's latest recipient map: who receives which type for which municipality. */
@Entity({ name: 'recipient_map' })
export class RecipientMapOrmEntity {
  @PrimaryColumn('text', { name: 'referral_type' })
  referralType!: string;

  @PrimaryColumn('text', { name: 'municipality_number' })
  municipalityNumber!: string;

  @Column('jsonb')
  recipients!: { organisationNumber: string; unitId: string; unitKind: string }[];

  @Column('int')
  version!: number;
}

/** While a referral is suspended, each recipient organisation must confirm it stopped processing. */
@Entity({ name: 'processing_stop' })
export class ProcessingStopOrmEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  @PrimaryColumn('text', { name: 'organisation_number' })
  organisationNumber!: string;

  @Column('text', { name: 'reason_code' })
  reasonCode!: string;

  @Column('timestamptz', { name: 'requested_at' })
  requestedAt!: Date;

  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  confirmedAt!: Date | null;

  @Column('text', { name: 'confirmed_by', nullable: true })
  confirmedBy!: string | null;
}

/** Two referrals that may be about the same handover, flagged for the recipient; never merged. */
@Entity({ name: 'referral_link' })
export class ReferralLinkOrmEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  @PrimaryColumn('uuid', { name: 'linked_referral_id' })
  linkedReferralId!: string;

  @Column('text')
  reason!: string;

  @Column('timestamptz', { name: 'flagged_at' })
  flaggedAt!: Date;
}

/** A PDF case document, stored with its SHA-256 so both sides can check they have the same file. */
@Entity({ name: 'attachment' })
@Index('attachment_referral', ['referralId'])
export class AttachmentOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'referral_id' })
  referralId!: string;

  /** Sealed: a file name may name the person. */
  @Column('text', { name: 'file_name', transformer: sealedText('attachment.file_name') })
  fileName!: string;

  @Column('text', { name: 'content_type' })
  contentType!: string;

  @Column('int', { name: 'size_bytes' })
  sizeBytes!: number;

  @Column('text')
  sha256!: string;

  /** The PDF, sealed (its SHA-256 above is of the clear file). */
  @Column('bytea', { select: false, transformer: sealedBytes('attachment.content') })
  content!: Buffer;

  @Column('text', { name: 'uploaded_by' })
  uploadedBy!: string;

  @Column('text', { name: 'uploaded_by_organisation' })
  uploadedByOrganisation!: string;

  @Column('timestamptz', { name: 'uploaded_at' })
  uploadedAt!: Date;
}

/** Health-trust institutions known to the directory (from the routing service's map). */
@Entity({ name: 'known_institution' })
export class KnownInstitutionOrmEntity {
  @PrimaryColumn('text', { name: 'unit_id' })
  unitId!: string;

  @Column('text', { name: 'organisation_number' })
  organisationNumber!: string;
}
