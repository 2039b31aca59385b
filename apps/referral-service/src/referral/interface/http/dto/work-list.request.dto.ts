import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { REFERRAL_STATUSES, REFERRAL_TYPES } from '@overgang/contracts';
import { IsDateOnly, IsDateWithin, IsOmittable } from '@overgang/web';

export const MAX_WORK_LIST_PAGE_SIZE = 200;
export const DEFAULT_WORK_LIST_PAGE_SIZE = 100;
const MAX_PAGE = 10_000;

/** `open` stands for the statuses someone still works on; `all` for every status. */
export const WORK_LIST_STATUSES = [...REFERRAL_STATUSES, 'open', 'all'] as const;
export type WorkListStatus = (typeof WORK_LIST_STATUSES)[number];

/** `a,b` and `?x=a&x=b` alike: a list, trimmed, without empty entries. */
const commaList = ({ value }: { value: unknown }): unknown[] =>
  (Array.isArray(value) ? (value as unknown[]) : [value])
    .flatMap((v): unknown[] => (typeof v === 'string' ? v.split(',') : [v]))
    .map((v): unknown => (typeof v === 'string' ? v.trim() : v))
    .filter((v) => v !== '');

/** What both work lists (the inbox and what was sent) can be narrowed by, and their page. */
export class WorkListQueryDto {
  @ApiPropertyOptional({
    description:
      'Statuses, comma-separated: any referral status, `open` (submitted, delivered, acknowledged, answered) or `all`.',
    default: 'open',
  })
  @IsOmittable()
  @Transform(commaList)
  @ArrayMinSize(1, { message: 'status må ha minst én verdi' })
  @ArrayMaxSize(WORK_LIST_STATUSES.length, { message: 'status kan ha høyst én verdi per status' })
  @IsIn(WORK_LIST_STATUSES, {
    each: true,
    message: `status må være én eller flere av ${WORK_LIST_STATUSES.join(', ')} (kommaseparert)`,
  })
  status?: WorkListStatus[];

  @ApiPropertyOptional({ description: 'Referral types, comma-separated.' })
  @IsOmittable()
  @Transform(commaList)
  @ArrayMinSize(1, { message: 'type må ha minst én verdi' })
  @ArrayMaxSize(REFERRAL_TYPES.length, { message: 'type kan ha høyst én verdi per type' })
  @IsIn(REFERRAL_TYPES, {
    each: true,
    message: `type må være én eller flere av ${REFERRAL_TYPES.join(', ')} (kommaseparert)`,
  })
  type?: string[];

  @ApiPropertyOptional({
    description: 'Only this unit: the receiving unit (inbox) or the sending unit (sent).',
  })
  @IsOmittable()
  @IsString({ message: 'unit må være en tekst' })
  @MaxLength(100, { message: 'unit kan være høyst 100 tegn' })
  @Matches(/^[\w.-]+$/, { message: 'unit kan bare inneholde bokstaver, tall og . _ -' })
  unit?: string;

  @ApiPropertyOptional({
    description: '`me`: what I hold (inbox) or sent myself (sent); `unit`: what my unit holds or sent.',
    enum: ['me', 'unit'],
  })
  @IsOmittable()
  @IsIn(['me', 'unit'], { message: 'holder må være me eller unit' })
  holder?: 'me' | 'unit';

  @ApiPropertyOptional({ description: 'Only referrals whose next open deadline is due before this date.' })
  @IsOmittable()
  @IsDateOnly({ message: 'dueBefore må være en dato (YYYY-MM-DD)' })
  @IsDateWithin({ notBefore: { years: -1 }, notAfter: { years: 5 } })
  dueBefore?: string;

  @ApiPropertyOptional({ description: '`true`: only referrals with a deadline breached or past due.' })
  @IsOmittable()
  @IsIn(['true', 'false'], { message: 'overdue må være true eller false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ description: '`true`: only referrals with a deadline warned of and still open.' })
  @IsOmittable()
  @IsIn(['true', 'false'], { message: 'atRisk må være true eller false' })
  atRisk?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Page number, from 1.', default: 1 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt({ message: 'page må være et heltall' })
  @Min(1, { message: 'page må være minst 1' })
  @Max(MAX_PAGE, { message: `page kan være høyst ${MAX_PAGE}` })
  page?: number;

  @ApiPropertyOptional({
    description: `Rows per page, at most ${MAX_WORK_LIST_PAGE_SIZE}.`,
    default: DEFAULT_WORK_LIST_PAGE_SIZE,
  })
  @IsOmittable()
  @Type(() => Number)
  @IsInt({ message: 'pageSize må være et heltall' })
  @Min(1, { message: 'pageSize må være minst 1' })
  @Max(MAX_WORK_LIST_PAGE_SIZE, { message: `pageSize kan være høyst ${MAX_WORK_LIST_PAGE_SIZE}` })
  pageSize?: number;
}
