import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { IsDateOnly, IsDateWithin, IsOmittable, IsUniqueArray } from '@overgang/web';
import { FOLLOW_UP_NEEDS, FollowUpNeed, HOUSING_SITUATIONS, HousingSituation } from '../../../domain/codes';
import { DATE_WINDOWS } from './date-windows';
import { IntakeRequestDto } from './intake.request.dto';

export class ReleaseNoticeRequestDto extends IntakeRequestDto {
  @ApiProperty({
    description: 'Expected release date (YYYY-MM-DD); it may be brought forward later.',
    example: '2026-12-18',
  })
  @IsDateOnly()
  @IsDateWithin(DATE_WINDOWS.releaseDate)
  expectedReleaseDate!: string;

  @ApiProperty({ enum: HOUSING_SITUATIONS })
  @IsIn(HOUSING_SITUATIONS, { message: `housingSituation must be one of: ${HOUSING_SITUATIONS.join(', ')}` })
  housingSituation!: HousingSituation;

  @ApiProperty({ enum: FOLLOW_UP_NEEDS, isArray: true })
  @IsArray()
  @ArrayMaxSize(FOLLOW_UP_NEEDS.length)
  @IsUniqueArray()
  @IsIn(FOLLOW_UP_NEEDS, { each: true, message: `followUpNeeds may contain: ${FOLLOW_UP_NEEDS.join(', ')}` })
  followUpNeeds!: FollowUpNeed[];

  @ApiPropertyOptional({ description: 'A follow-up service that already knows the person.' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  knownFollowUpService?: string;
}
