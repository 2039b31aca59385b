import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ORGANISATION_NUMBER } from '../common';

export const ACCESS_RECORDED_V1 = 'audit.access-recorded.v1';

/** Why the data was read (the purpose field of NHN's usage log). */
export const ACCESS_PURPOSES = ['case-handling', 'coordination', 'export', 'security-audit'] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];

/** What kind of object was read. */
export const ACCESS_OBJECT_TYPES = [
  'referral',
  'attachment',
  'consent',
  'inbox',
  'routing-explanation',
  'deadline',
  'deadlines',
  'directory-unit',
  'directory-export',
  'access-log',
] as const;
export type AccessObjectType = (typeof ACCESS_OBJECT_TYPES)[number];

/** Whether the read was answered, or refused as not found (404) or not allowed (403). */
export const ACCESS_OUTCOMES = ['granted', 'refused-not-found', 'refused-forbidden'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

/** Referral ids one record names at most; a longer list read is published as several records. */
export const MAX_ACCESS_SUBJECTS = 500;

/**
 * The purpose a read serves, from the roles of the reader: a caseworker handles cases; a
 * coordinator or the hub's administrator, who only oversees, coordinates.
 */
export function accessPurposeFor(roles: readonly string[]): AccessPurpose {
  const caseworker = ['prison-consultant', 'health-trust-staff', 'housing-caseworker', 'nav-caseworker'];
  return roles.some((r) => caseworker.includes(r)) ? 'case-handling' : 'coordination';
}

/**
 * A read of personal data or staff contact data in a service that does not own the access log
 * (routing, deadlines), or a refused attempt at one. Ids and codes only: never a name or a
 * national ID. The referral service keeps it in the access log. Kafka key: the object id.
 */
export class AccessRecordedV1 {
  /** The reader's user id (a directory contact-person id for caseworkers). */
  @IsString()
  @MaxLength(200)
  userId!: string;

  /** Organisation number of the reader's organisation. */
  @Matches(ORGANISATION_NUMBER)
  organisationNumber!: string;

  /** The roles the reader's token carried when reading. */
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  roles!: string[];

  /** Why it was read. */
  @IsIn(ACCESS_PURPOSES)
  purpose!: AccessPurpose;

  /** The operation, e.g. read-routing-explanation, list-deadlines, export-directory. */
  @IsString()
  @MaxLength(100)
  action!: string;

  /** What kind of object was read. */
  @IsIn(ACCESS_OBJECT_TYPES)
  objectType!: AccessObjectType;

  /** The object's id: a referral, clock, unit or organisation id (also the Kafka key). */
  @IsString()
  @MaxLength(200)
  objectId!: string;

  /** The referral the object belongs to, if it is one referral's (null for a list or an export). */
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  referralId!: string | null;

  /** Every referral whose data the read showed (a list read names each), for the person's right of access. */
  @IsArray()
  @ArrayMaxSize(MAX_ACCESS_SUBJECTS)
  @IsUUID('all', { each: true })
  referralIds!: string[];

  /** Organisations the object belongs to (sender, recipients, the exported organisations). */
  @IsArray()
  @ArrayMaxSize(MAX_ACCESS_SUBJECTS)
  @Matches(ORGANISATION_NUMBER, { each: true })
  partyOrganisationNumbers!: string[];

  /** Answered, or refused. */
  @IsIn(ACCESS_OUTCOMES)
  outcome!: AccessOutcome;

  /** When it was read, by the producing service's database clock. */
  @IsISO8601({ strict: true })
  readAt!: string;
}
