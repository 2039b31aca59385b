import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsNorwegianNationalId } from '@overgang/norway';
import { IsOmittable } from '@overgang/web';

export const MAX_ACCESS_LOG_PAGE_SIZE = 200;
const MAX_PAGE = 10_000;

/** The time window and the page, shared by both searches. */
class AccessLogWindowDto {
  @ApiPropertyOptional({ description: 'From this time (ISO 8601), inclusive.' })
  @IsOmittable()
  @IsISO8601(
    { strict: true },
    { message: 'from må være et tidspunkt i ISO 8601, f.eks. 2026-11-24T08:00:00Z' },
  )
  from?: string;

  @ApiPropertyOptional({ description: 'Until this time (ISO 8601), exclusive.' })
  @IsOmittable()
  @IsISO8601({ strict: true }, { message: 'to må være et tidspunkt i ISO 8601, f.eks. 2026-11-25T08:00:00Z' })
  to?: string;

  @ApiPropertyOptional({ description: 'Page number, from 1 (newest entries first).', default: 1 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt({ message: 'page må være et heltall' })
  @Min(1, { message: 'page må være minst 1' })
  @Max(MAX_PAGE, { message: `page kan være høyst ${MAX_PAGE}` })
  page?: number;

  @ApiPropertyOptional({ description: `Entries per page, at most ${MAX_ACCESS_LOG_PAGE_SIZE}.`, default: 50 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt({ message: 'pageSize må være et heltall' })
  @Min(1, { message: 'pageSize må være minst 1' })
  @Max(MAX_ACCESS_LOG_PAGE_SIZE, { message: `pageSize kan være høyst ${MAX_ACCESS_LOG_PAGE_SIZE}` })
  pageSize?: number;
}

export class SearchAccessLogQueryDto extends AccessLogWindowDto {
  @ApiPropertyOptional({ description: 'Only entries about this referral.' })
  @IsOptional()
  @IsUUID('all', { message: 'referralId må være en henvisnings-id (en UUID)' })
  referralId?: string;

  @ApiPropertyOptional({ description: 'Only entries by this user.' })
  @IsOptional()
  @IsString({ message: 'userId må være en tekst' })
  @MaxLength(200, { message: 'userId kan være høyst 200 tegn' })
  @Matches(/^[\w.@-]+$/, { message: 'userId kan bare inneholde bokstaver, tall og . _ - @' })
  userId?: string;
}

/** In the body, never the URL: a national ID in a URL ends up in request logs. */
export class PersonAccessLogRequestDto extends AccessLogWindowDto {
  @ApiProperty({ description: 'Fødselsnummer or D-number of the person whose data was read.' })
  @IsNorwegianNationalId()
  nationalId!: string;
}
