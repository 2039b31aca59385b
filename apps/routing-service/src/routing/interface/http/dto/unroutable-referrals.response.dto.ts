import { ApiProperty } from '@nestjs/swagger';
import { UnroutableItem } from '../../../application/read-routing/routing.queries';

/** What fixes a parked part. */
export class ParkedFixDto {
  @ApiProperty({ example: 'set-nav-coverage', description: 'A stable code for the fix.' })
  action!: string;

  @ApiProperty({ description: 'The fix in one line, naming the directory endpoint.' })
  text!: string;
}

/** One part (receiving unit kind) of a referral the directory cannot route yet. */
export class UnroutableItemDto {
  @ApiProperty({ format: 'uuid' })
  referralId!: string;

  @ApiProperty({ example: 'release-notice' })
  referralType!: string;

  @ApiProperty({ example: '3303' })
  municipalityNumber!: string;

  @ApiProperty({ example: '100000040' })
  senderOrganisationNumber!: string;

  @ApiProperty({
    example: 'nav-social-services',
    description: 'The parked part: the unit kind it should go to.',
  })
  unitKind!: string;

  @ApiProperty({ description: 'True when the referral’s other parts reached their units already.' })
  partial!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-12-31',
    description: 'The expected release or discharge date (YYYY-MM-DD), null when the referral has none.',
  })
  anchorDate!: string | null;

  @ApiProperty({ example: 'ROUTING.NO_NAV_OFFICE' })
  reasonCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: ParkedFixDto })
  fix!: ParkedFixDto;

  @ApiProperty({ format: 'date-time', description: 'When the part was first parked.' })
  parkedAt!: string;

  @ApiProperty({
    description: 'Working days since it was parked (Oslo; weekends and public holidays do not count).',
  })
  ageWorkingDays!: number;

  @ApiProperty({
    example: '2026-12-02',
    description: 'The day it should be fixed by: one working day after parking.',
  })
  dueOn!: string;

  @ApiProperty({ description: 'True once dueOn has passed.' })
  overdue!: boolean;

  @ApiProperty({ format: 'date-time', description: 'When routing last looked at the referral.' })
  since!: string;
}

/** Parked parts, the most urgent first: overdue, then the soonest anchor date, then the oldest. */
export class UnroutableReferralsResponseDto {
  @ApiProperty({ type: [UnroutableItemDto] })
  items!: UnroutableItemDto[];
}

export function toUnroutableReferralsResponse(items: UnroutableItem[]): UnroutableReferralsResponseDto {
  return {
    items: items.map(({ routingCase: c, part, partial, age, fix }) => ({
      referralId: c.referralId,
      referralType: c.referralType,
      municipalityNumber: c.municipalityNumber,
      senderOrganisationNumber: c.senderOrganisationNumber,
      unitKind: part.unitKind,
      partial,
      anchorDate: c.submitted.anchorDate ?? null,
      reasonCode: part.reasonCode,
      reason: part.reason,
      fix,
      parkedAt: (part.parkedAt ?? c.decidedAt).toISOString(),
      ageWorkingDays: age.ageWorkingDays,
      dueOn: age.dueOn,
      overdue: age.overdue,
      since: c.decidedAt.toISOString(),
    })),
  };
}
