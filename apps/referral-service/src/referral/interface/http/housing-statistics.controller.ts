import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@overgang/auth';
import { csvCell } from '@overgang/core';
import {
  HousingSituationStatistics,
  HousingSituationView,
  HousingStatisticsSubject,
} from '../../application/housing-statistics/housing-situation.statistics';
import { StatisticsQueryDto } from '@overgang/web';

type CsvResponse = { send(b: string): void };

const SUMMARY =
  'per municipality and month of the date: how many had each housing situation at notice, counted by the referral service itself. Counts 1–4 are null, and a second count where the first could be derived from the notices received.';

/** A suppressed figure, as Statistics Norway marks it. */
const cell = (v: number | string | null) => (v === null ? ':' : csvCell(String(v)));

export function housingSituationCsv(v: HousingSituationView): string {
  const head = [
    'municipality_number',
    'month',
    ...v.situations.map((s) => `situation_${s.replace(/-/g, '_')}`),
  ];
  const rows = v.cells.map((c) =>
    [c.municipalityNumber, c.month, ...v.situations.map((s) => c.housingSituationAtNotice[s] ?? null)]
      .map(cell)
      .join(','),
  );
  return [head.join(','), ...rows].join('\r\n') + '\r\n';
}

/**
 * The housing situation at notice: the one statistic the deadline service cannot count, as the
 * situation never leaves the referral service, not even as a code on a topic.
 */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('api/v1/statistics')
export class HousingStatisticsController {
  constructor(private readonly statistics: HousingSituationStatistics) {}

  @Get('releases/housing-situations')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({ summary: `Release notices ${SUMMARY}` })
  releases(@Query() q: StatisticsQueryDto) {
    return this.run('releases', q);
  }

  @Get('releases/housing-situations.csv')
  @Roles('coordinator', 'hub-admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({
    summary: 'The release notices’ housing situation at notice as CSV (":" for a suppressed figure).',
  })
  async releasesCsv(@Query() q: StatisticsQueryDto, @Res() res: CsvResponse) {
    res.send(housingSituationCsv(await this.run('releases', q)));
  }

  @Get('discharges/housing-situations')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({ summary: `Discharge notices ${SUMMARY}` })
  discharges(@Query() q: StatisticsQueryDto) {
    return this.run('discharges', q);
  }

  @Get('discharges/housing-situations.csv')
  @Roles('coordinator', 'hub-admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({
    summary: 'The discharge notices’ housing situation at notice as CSV (":" for a suppressed figure).',
  })
  async dischargesCsv(@Query() q: StatisticsQueryDto, @Res() res: CsvResponse) {
    res.send(housingSituationCsv(await this.run('discharges', q)));
  }

  private run(subject: HousingStatisticsSubject, q: StatisticsQueryDto) {
    return this.statistics.execute({ subject, ...q });
  }
}
