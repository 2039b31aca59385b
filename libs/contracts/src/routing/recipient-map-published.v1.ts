import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  KOMMUNENUMMER,
  ORGANISATION_NUMBER,
  ORGANISATION_TYPES,
  OrganisationType,
  REFERRAL_TYPES,
  ReferralType,
  UNIT_KINDS,
  UnitKind,
} from '../common';

export const RECIPIENT_MAP_PUBLISHED_V1 = 'routing.recipient-map-published.v1';

/** One organisation that receives a referral type for a municipality. */
export class MapRecipientV1 {
  /** Organisation number of the receiver. */
  @Matches(ORGANISATION_NUMBER)
  organisationNumber!: string;

  /** Directory id of the receiving unit. */
  @IsString()
  unitId!: string;

  /** What kind of unit receives it. */
  @IsIn(UNIT_KINDS)
  unitKind!: UnitKind;
}

/** Who receives one referral type for one municipality. */
export class RecipientMapEntryV1 {
  /** The referral type. */
  @IsIn(REFERRAL_TYPES)
  referralType!: ReferralType;

  /** Kommunenummer of the municipality the person lives in or will live in. */
  @Matches(KOMMUNENUMMER)
  municipalityNumber!: string;

  /** The receivers that are always told (optional receivers, like NAV on request, are not listed). */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MapRecipientV1)
  recipients!: MapRecipientV1[];
}

/** A health-trust institution unit that may send discharge notices. */
export class InstitutionV1 {
  /** Organisation number of the health trust. */
  @Matches(ORGANISATION_NUMBER)
  organisationNumber!: string;

  /** Directory id of the institution unit. */
  @IsString()
  unitId!: string;
}

/** An organisation of the directory and its type, for checking a caller's roles against it. */
export class MapOrganisationV1 {
  /** Organisation number. */
  @Matches(ORGANISATION_NUMBER)
  organisationNumber!: string;

  /** What kind of organisation it is. */
  @IsIn(ORGANISATION_TYPES)
  type!: OrganisationType;
}

/** A unit of the directory and the organisation it belongs to, for checking a caller's unit. */
export class MapUnitV1 {
  /** Directory id of the unit. */
  @IsString()
  id!: string;

  /** Organisation number of the organisation the unit belongs to. */
  @Matches(ORGANISATION_NUMBER)
  organisationNumber!: string;

  /** What kind of unit it is. */
  @IsIn(UNIT_KINDS)
  kind!: UnitKind;
}

/**
 * The routing service's whole responsibility map, public facts only. The referral service keeps
 * the latest copy to check, at submission, that the consent covers every recipient.
 */
export class RecipientMapPublishedV1 {
  /** Increases with every directory change. */
  @IsInt()
  @Min(1)
  version!: number;

  /** Every (type, municipality) pair the directory can route. */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RecipientMapEntryV1)
  entries!: RecipientMapEntryV1[];

  /** Institutions known to the directory, so a discharge notice from an unknown one is refused. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => InstitutionV1)
  institutions?: InstitutionV1[];

  /**
   * Every organisation of the directory with its type (absent from producers before it was added).
   * Services check each caller's roles against it.
   */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MapOrganisationV1)
  organisations?: MapOrganisationV1[];

  /** Every unit of the directory and its organisation (absent from producers before it was added). */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MapUnitV1)
  units?: MapUnitV1[];

  /** When this version was published. */
  @IsISO8601({ strict: true })
  publishedAt!: string;
}
